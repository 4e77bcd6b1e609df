/** Large bodies are held one slot at a time, small ones freely; bytes always arrive intact. */
import { createGate, readBody } from '../../src/registry/body-reader.js';

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    await Promise.resolve();
    yield Buffer.from(part);
  }
}

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  for (let i = 0; i < 20; i++) await Promise.resolve();
  return done;
};

describe('readBody', () => {
  test('a small body is read whole without a slot', async () => {
    const body = await readBody(chunks('ab', 'cd'), { gate: createGate(1), largeAfter: 10, maxBytes: 1024 });
    expect(body.bytes.toString()).toBe('abcd');
    expect(body.large).toBe(false);
  });

  test('a body that turns large mid-way keeps every byte, in order', async () => {
    const parts = ['0123', '4567', '89ab', 'cdef', 'ü-tail'];
    const body = await readBody(chunks(...parts), { gate: createGate(1), largeAfter: 6, maxBytes: 1024 });
    expect(body.large).toBe(true);
    expect(body.bytes.toString()).toBe(parts.join(''));
    body.release();
  });

  test('a second large body waits for the slot; small bodies do not', async () => {
    const gate = createGate(1);
    const first = await readBody(chunks('aaaa', 'aaaa'), { gate, largeAfter: 4, maxBytes: 1024 });
    const second = readBody(chunks('bbbb', 'bbbb'), { gate, largeAfter: 4, maxBytes: 1024 });
    const small = readBody(chunks('cc'), { gate, largeAfter: 4, maxBytes: 1024 });
    expect(await settled(second)).toBe(false);
    expect(await settled(small)).toBe(true);
    first.release();
    expect((await second).bytes.toString()).toBe('bbbbbbbb');
  });

  test('the slot buffer is reused: the next large body does not see the previous one', async () => {
    const gate = createGate(1);
    const first = await readBody(chunks('x'.repeat(50)), { gate, largeAfter: 4, maxBytes: 1024 });
    first.release();
    const second = await readBody(chunks('yy', 'yyyy'), { gate, largeAfter: 4, maxBytes: 1024 });
    expect(second.bytes.toString()).toBe('yyyyyy');
  });

  test('a failing body frees its slot and says it was large', async () => {
    const gate = createGate(1);
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.from('aaaaaa');
      throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    }
    await expect(readBody(broken(), { gate, largeAfter: 4, maxBytes: 1024 })).rejects.toMatchObject({ large: true, reason: { code: 'ECONNRESET' } });
    expect(await settled(readBody(chunks('bbbbbb'), { gate, largeAfter: 4, maxBytes: 1024 }))).toBe(true);
  });

  test('a body past maxBytes stops there: the rest is never pulled, and its slot is freed (issue 15)', async () => {
    const gate = createGate(1);
    let pulled = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        pulled++;
        yield Buffer.alloc(8);
      }
    }
    await expect(readBody(endless(), { gate, largeAfter: 4, maxBytes: 64 })).rejects.toMatchObject({
      large: true,
      reason: { type: 'document-too-large', limit: 64 },
    });
    expect(pulled).toBe(9);
    expect(await settled(readBody(chunks('bbbbbb'), { gate, largeAfter: 4, maxBytes: 64 }))).toBe(true);
  });
});
