// Access tokens: a host bound beyond loopback wants one on every /api and /hubs request (docs/WEB.md).
// A link such as http://host:5000/?token=TOKEN hands it over once; it is kept for this tab only and taken out
// of the address bar so it is not bookmarked or shared by accident.

const storageKey = 'emostream.token';

/** Reads `?token=` into sessionStorage (once) and returns the tab's token, or null on loopback. */
export function takeToken() {
  const url = new URL(window.location.href);
  const given = url.searchParams.get('token');
  if (given) {
    sessionStorage.setItem(storageKey, given);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(storageKey);
}

/** The URL with the token as `access_token`, for what cannot send headers (links, WebSockets). */
export function withToken(path, token) {
  if (!token) return path;
  const url = new URL(path, window.location.href);
  url.searchParams.set('access_token', token);
  return url.pathname + url.search;
}
