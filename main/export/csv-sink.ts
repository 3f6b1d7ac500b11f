import type { Writable } from 'node:stream';

/**
 * Writes text to a stream with backpressure: when the stream's buffer is full, `write` waits for
 * 'drain', so a slow disk or a slow pipe reader (`rundesk export … | head`) holds the export back
 * instead of letting it pile the whole file up in memory. Counts the UTF-8 bytes written.
 */
export class CsvSink {
  bytes = 0;
  private failure: Error | null = null;

  constructor(private readonly stream: Writable) {
    stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    if (this.failure) throw this.failure;
    this.bytes += Buffer.byteLength(text);
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', fail);
        this.stream.off('close', done);
        resolve();
      };
      const fail = (error: Error) => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        reject(error);
      };
      this.stream.once('drain', done);
      this.stream.once('close', done);
      this.stream.once('error', fail);
    });
    if (this.failure) throw this.failure;
  }

  /** Rethrows an error the stream reported after the last write. */
  check(): void {
    if (this.failure) throw this.failure;
  }
}
