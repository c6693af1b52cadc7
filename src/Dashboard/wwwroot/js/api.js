// The REST API (docs/API.md): JSON in and out; errors are problem details whose text the page shows as is.

/** A request the server refused or could not answer; `message` is the server's own explanation. */
class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export class Api {
  constructor(token) {
    this.token = token;
  }

  settings() {
    return this.#json('GET', '/api/settings/ui');
  }

  session(id) {
    return this.#json('GET', `/api/sessions/${encodeURIComponent(id)}`);
  }

  /** One page of the session list: `{total, offset, limit, sessions: [{session, utterances}]}` for the filters in `params`. */
  search(params) {
    return this.#json('GET', `/api/sessions/search?${new URLSearchParams(params)}`);
  }

  /** The call metrics of session `id` (docs/API.md#call-metrics). */
  metrics(id) {
    return this.#json('GET', `/api/sessions/${encodeURIComponent(id)}/metrics`);
  }

  /** `{session, ingest}` for a live PCM16 stream at `sampleRate` Hz. */
  createLive(sampleRate, speakers) {
    return this.#json('POST', '/api/sessions', { format: 'pcm16', sampleRate, speakers });
  }

  /** `{session}` for a replay of the form's file (`file`, `pacing`, optional `speakers`). */
  upload(form) {
    return this.#send('POST', '/api/sessions/replay', form).then(r => r.json());
  }

  /** Every correction of session `id`, oldest first. */
  corrections(id) {
    return this.#json('GET', `/api/sessions/${encodeURIComponent(id)}/corrections`);
  }

  /** Sets utterance `index`'s emotion (null: none of these); resolves to the stored correction. */
  correct(id, index, emotion) {
    return this.#json('POST', `/api/sessions/${encodeURIComponent(id)}/utterances/${index}/corrections`, { emotion });
  }

  stop(id) {
    return this.#json('POST', `/api/sessions/${encodeURIComponent(id)}/stop`);
  }

  async #json(method, path, body) {
    const response = await this.#send(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    return response.json();
  }

  async #send(method, path, body, contentType) {
    const headers = {};
    if (contentType) headers['Content-Type'] = contentType;
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let response;
    try {
      response = await fetch(path, { method, headers, body });
    } catch (e) {
      throw new ApiError(`the server could not be reached (${e.message})`, 0);
    }
    if (!response.ok) throw new ApiError(await problemText(response), response.status);
    return response;
  }
}

/** The problem details' own words: the field errors (which name the field and what was expected), else the detail. */
async function problemText(response) {
  const text = await response.text();
  try {
    const problem = JSON.parse(text);
    const fields = Object.values(problem.errors ?? {}).flat();
    if (fields.length > 0) return fields.join('; ');
    if (problem.detail || problem.title) return problem.detail ?? problem.title;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.trim() || `${response.status} ${response.statusText}`;
}
