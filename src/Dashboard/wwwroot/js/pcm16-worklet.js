// AudioWorklet processor (audio thread): the microphone's samples, channels averaged to mono, as little-endian
// 16-bit PCM, the format the ingest socket takes (docs/API.md). Posts one chunk of `chunkFrames` frames at a
// time to the page, with its RMS level for the meter; writes silence to its output (it only listens).

class Pcm16Encoder extends AudioWorkletProcessor {
  #frames;
  #chunk;
  #view;
  #filled = 0;
  #squares = 0;

  constructor(options) {
    super();
    this.#frames = options.processorOptions.chunkFrames;
    this.#fresh();
  }

  process(inputs) {
    const channels = inputs[0];
    if (channels.length === 0) return true;
    for (let i = 0; i < channels[0].length; i++) {
      let sum = 0;
      for (const channel of channels) sum += channel[i];
      const sample = Math.max(-1, Math.min(1, sum / channels.length));
      this.#view.setInt16(this.#filled * 2, sample < 0 ? sample * 0x8000 : sample * 0x7fff, true);
      this.#squares += sample * sample;
      if (++this.#filled === this.#frames) this.#post();
    }
    return true;
  }

  #post() {
    const level = Math.sqrt(this.#squares / this.#filled);
    this.port.postMessage({ pcm: this.#chunk, level }, [this.#chunk]);
    this.#fresh();
  }

  #fresh() {
    this.#chunk = new ArrayBuffer(this.#frames * 2);
    this.#view = new DataView(this.#chunk);
    this.#filled = 0;
    this.#squares = 0;
  }
}

registerProcessor('pcm16-encoder', Pcm16Encoder);
