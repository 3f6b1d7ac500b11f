import { Writable } from 'node:stream';

/** A Writable that keeps what it receives, optionally slowly (to exercise backpressure). */
export class CollectingStream extends Writable {
  private readonly chunks: Buffer[] = [];

  constructor(options: { highWaterMark?: number; delayMs?: number } = {}) {
    const delayMs = options.delayMs ?? 0;
    super({
      highWaterMark: options.highWaterMark ?? 16 * 1024,
      write: (chunk: Buffer, _encoding, callback) => {
        this.chunks.push(chunk);
        if (delayMs > 0) setTimeout(callback, delayMs);
        else callback();
      },
    });
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
