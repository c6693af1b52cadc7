// "Use my microphone": a live PCM16 session fed from getUserMedia through an AudioWorklet over the session's
// ingest WebSocket. Stopping closes the socket; the server answers the close once it has stored every
// utterance, so what was said last is still scored.

import { withToken } from './auth.js';

/** 100 ms of audio per WebSocket message. */
const chunksPerSecond = 10;

export class Microphone {
  #token;
  #onChange;
  #media;
  #context;
  #socket;
  #closed;

  /** The live session this page streams to, or null. */
  sessionId = null;

  /** @param onChange called with (state, detail): 'live' (the session id), 'level' (RMS, 0..1), 'stopping', 'ended' */
  constructor(token, onChange) {
    this.#token = token;
    this.#onChange = onChange;
  }

  /** Asks for the microphone, creates the session and starts streaming; returns the session's id. */
  async start(api, speaker) {
    if (this.sessionId) throw new Error('the microphone already streams to a session: stop it first');
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new Error('this browser offers no microphone on this page (browsers allow it over https, or on http://127.0.0.1 and http://localhost)');
    }
    // Ask first, so a refusal leaves no empty session behind.
    const media = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
    let context;
    let created;
    try {
      context = await audioContextFor(media);
      await context.audioWorklet.addModule('/js/pcm16-worklet.js');
      created = await api.createLive(context.sampleRate, [speaker || 'speaker']);
      const socket = await openSocket(withToken(created.ingest, this.#token));
      const encoder = new AudioWorkletNode(context, 'pcm16-encoder', {
        processorOptions: { chunkFrames: Math.round(context.sampleRate / chunksPerSecond) },
      });
      encoder.port.onmessage = ({ data }) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(data.pcm);
        this.#onChange('level', data.level);
      };
      context.createMediaStreamSource(media).connect(encoder);
      // Connected to the output (silence) so the browser keeps pulling audio through it.
      encoder.connect(context.destination);
      this.#media = media;
      this.#context = context;
      this.#socket = socket;
      this.sessionId = created.session.id;
      // The server closes once the session stored everything, or ended otherwise (its page then shows why).
      this.#closed = new Promise(resolve => socket.addEventListener('close', () => {
        this.#release();
        this.sessionId = null;
        this.#onChange('ended');
        resolve();
      }));
      this.#onChange('live', this.sessionId);
      return this.sessionId;
    } catch (e) {
      for (const track of media.getTracks()) track.stop();
      context?.close();
      // A session whose stream never started would wait for audio forever.
      if (created) api.stop(created.session.id).catch(() => {});
      throw e;
    }
  }

  /** Ends the stream; resolves once the server has stored what was said and closed the socket. */
  async stop() {
    if (!this.sessionId) return;
    this.#onChange('stopping');
    this.#release();
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.close(1000, 'stopped by the user');
    await this.#closed;
  }

  /** Idempotent: both a stop and the socket's close release the microphone. */
  #release() {
    for (const track of this.#media?.getTracks() ?? []) track.stop();
    this.#context?.close();
    this.#media = null;
    this.#context = null;
  }
}

/** 16 kHz, the rate the pipeline works at, where the browser can resample the microphone to it; else its own rate. */
async function audioContextFor(media) {
  const context = new AudioContext({ sampleRate: 16000 });
  try {
    context.createMediaStreamSource(media).disconnect();
    return context;
  } catch {
    // Some browsers only connect a microphone to a context at the device's rate; the server resamples.
    await context.close();
    return new AudioContext();
  }
}

function openSocket(path) {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(socket), { once: true });
    socket.addEventListener('close', e => reject(new Error(e.reason || `the ingest connection was refused (${e.code})`)), { once: true });
  });
}
