// One SignalR connection to /hubs/sessions for the whole page. It reconnects by itself, forever, with back-off;
// views register what to do after a reconnect (join their session again from the last index they have), since
// the server forgets a connection's groups when it drops.

const retryDelaysMs = [0, 1000, 2000, 5000, 10000];

export class Hub {
  #connection;
  #started;
  #reconnectHandlers = new Set();
  #everConnected = false;

  /** @param {(state: string, detail?: string) => void} onState connecting, live, reconnecting, offline */
  constructor(token, onState) {
    this.onState = onState;
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/sessions', token ? { accessTokenFactory: () => token } : {})
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => retryDelaysMs[Math.min(c.previousRetryCount, retryDelaysMs.length - 1)] })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.#connection.onreconnecting(() => onState('reconnecting'));
    this.#connection.onreconnected(() => this.#connected());
    // A server that shuts down closes connections for good (no automatic reconnection): start over.
    this.#connection.onclose(() => {
      this.#started = null;
      this.ready();
    });
  }

  /** Resolves once connected; keeps trying (with the same back-off) until it is. */
  ready() {
    this.#started ??= this.#connect();
    return this.#started;
  }

  async #connect() {
    for (let attempt = 0; ; attempt++) {
      this.onState('connecting');
      try {
        await this.#connection.start();
        this.#connected();
        return;
      } catch (e) {
        this.onState('offline', e.message);
        await new Promise(r => setTimeout(r, retryDelaysMs[Math.min(attempt + 1, retryDelaysMs.length - 1)]));
      }
    }
  }

  #connected() {
    this.onState('live');
    if (this.#everConnected) for (const handler of this.#reconnectHandlers) handler();
    this.#everConnected = true;
  }

  /** False while reconnecting: a call then fails, and the view's reconnect handler repeats it. */
  get connected() {
    return this.#connection.state === signalR.HubConnectionState.Connected;
  }

  async invoke(method, ...args) {
    await this.ready();
    return this.#connection.invoke(method, ...args);
  }

  /** Subscribes `handler` to a server message and `onReconnect` to reconnections; returns the undo. */
  subscribe(messages, onReconnect) {
    for (const [name, handler] of Object.entries(messages)) this.#connection.on(name, handler);
    if (onReconnect) this.#reconnectHandlers.add(onReconnect);
    return () => {
      for (const [name, handler] of Object.entries(messages)) this.#connection.off(name, handler);
      this.#reconnectHandlers.delete(onReconnect);
    };
  }
}
