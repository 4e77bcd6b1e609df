/**
 * Reads a response body into one buffer while bounding how many *large* bodies are held at
 * once, independently of how many requests are in flight. Every body may buffer up to
 * `largeAfter` bytes freely; past that it needs one of the gate's slots, and waits (reading
 * nothing, so TCP flow control holds the rest at the sender) until one is free. The slot is
 * kept until the caller has projected the document and calls `release`. Peak memory is
 * about `concurrency x largeAfter + slots x largest document`, whatever the project, and no
 * document is larger than `maxBytes` once decompressed (a gzip bomb stops there).
 */

/**
 * A slot for one large body. It owns a buffer that is reused for every large body read
 * through it: allocating (and freeing) a fresh 30 MB buffer per large document fragments the
 * C heap, and the process keeps the fragments (measured: ~50 MB of peak RSS on the benchmark).
 */
export interface Slot {
  /** Room for at least `size` bytes; keeps the first `keep` bytes when it must grow. */
  reserve(size: number, keep: number): Buffer;
  release(): void;
}

export interface Gate {
  /** Resolves once a slot is free. */
  acquire(): Promise<Slot>;
}

const MiB = 1024 * 1024;
/**
 * Address space reserved per slot: the registry's own limit for a document (100 MB) and
 * some. An uninitialised allocation is only backed by memory where it is written, so this
 * costs as much RSS as the largest document actually read, and never needs to grow, copy or
 * leave a garbage buffer behind (growing step by step left ~100 MB of dead buffers waiting
 * for a major GC on the benchmark).
 */
const ARENA_BYTES = 128 * MiB;

function createArena(): Pick<Slot, 'reserve'> {
  let buffer: Buffer | undefined;
  return {
    reserve(size, keep) {
      if (buffer !== undefined && size <= buffer.length) return buffer;
      const grown = Buffer.allocUnsafeSlow(Math.max(size * 2, ARENA_BYTES));
      buffer?.copy(grown, 0, 0, keep);
      buffer = grown;
      return buffer;
    },
  };
}

export function createGate(slots: number): Gate {
  const free = Array.from({ length: slots }, createArena);
  const waiting: Array<(arena: Pick<Slot, 'reserve'>) => void> = [];
  const slotOf = (arena: Pick<Slot, 'reserve'>): Slot => {
    let released = false;
    return {
      reserve: (size, keep) => arena.reserve(size, keep),
      release() {
        if (released) return;
        released = true;
        const next = waiting.shift();
        if (next) next(arena);
        else free.push(arena);
      },
    };
  };
  return {
    acquire() {
      const arena = free.pop();
      if (arena) return Promise.resolve(slotOf(arena));
      return new Promise((resolve) => waiting.push((next) => resolve(slotOf(next))));
    },
  };
}

export interface BodyOptions {
  gate: Gate;
  /** Bytes a body may hold before it needs a gate slot. */
  largeAfter: number;
  /** A slot already held (a retry of a body known to be large). */
  slot?: Slot | undefined;
  /**
   * Most bytes a body may have, decompressed: past it the read stops (destroying the stream,
   * which stops inflating a gzip bomb) and fails with a `document-too-large` error.
   */
  maxBytes: number;
  /** Told when the read starts (true) and stops (false) waiting for a slot: a deadline pauses. */
  onWait?: ((waiting: boolean) => void) | undefined;
}

/** The reason of a BodyReadError for a body over `maxBytes`. */
export function tooLargeError(limit: number): Error {
  return Object.assign(new Error(`document larger than ${limit} bytes`), { type: 'document-too-large', limit });
}

export interface Body {
  /** The body; for a large one, a view into the slot's buffer, valid until `release`. */
  bytes: Buffer;
  /** Whether the body needed a slot. */
  large: boolean;
  /** Frees the slot (if any); call once the bytes are no longer needed. */
  release: () => void;
}

/** A body that could not be read; `large` tells whether it had needed a slot. */
export class BodyReadError extends Error {
  constructor(readonly reason: unknown, readonly large: boolean) {
    super('the response body could not be read');
  }
}

export async function readBody(body: AsyncIterable<Buffer | string>, options: BodyOptions): Promise<Body> {
  let chunks: Buffer[] = [];
  let total = 0;
  let slot = options.slot;
  let arena: Buffer | undefined;
  try {
    for await (const value of body) {
      const chunk = typeof value === 'string' ? Buffer.from(value) : value;
      if (total + chunk.length > options.maxBytes) throw tooLargeError(options.maxBytes);
      if (slot === undefined && total + chunk.length > options.largeAfter) {
        options.onWait?.(true);
        slot = await options.gate.acquire();
        options.onWait?.(false);
      }
      if (slot !== undefined && arena === undefined) {
        // Large from now on: what was buffered moves into the slot's buffer.
        arena = slot.reserve(total + chunk.length, 0);
        let offset = 0;
        for (const earlier of chunks) offset += earlier.copy(arena, offset);
        chunks = [];
      }
      if (slot !== undefined) {
        arena = slot.reserve(total + chunk.length, total);
        chunk.copy(arena, total);
      } else {
        chunks.push(chunk);
      }
      total += chunk.length;
    }
  } catch (error) {
    const large = slot !== undefined;
    slot?.release();
    throw new BodyReadError(error, large);
  }
  if (arena !== undefined && slot !== undefined) {
    const held = slot;
    return { bytes: arena.subarray(0, total), large: true, release: () => held.release() };
  }
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  return { bytes, large: slot !== undefined, release: () => slot?.release() };
}
