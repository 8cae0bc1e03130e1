/**
 * The direct-index bootstrap kernel of a mean (`meanReplicatesDirect` in resampleKernels) as a
 * tiny WebAssembly function, assembled here from its instructions. It draws exactly the same
 * indices (xoshiro128**, Lemire's unbiased range reduction with the same rejections) and adds
 * them in the same order, so its replicates are bit-identical to the JavaScript kernel's
 * (tests/unit/stats checks this) — at about half its CPU per draw, because WebAssembly gives
 * the 32×32→64-bit multiply and loads without the checks V8 keeps in JavaScript. (Measured
 * and not kept: four generators in SIMD lanes, four partial sums, and a branch-free path for
 * four accepted draws were no faster, at 1.4-1.7 ns per draw on this machine's cores.)
 *
 * Memory layout of one instance: [0, 16) the generator state a, b, c, d; [16, 16 + 8·slice)
 * the replicates of one call; then the data.
 */

/** WebAssembly opcodes used below (https://webassembly.github.io/spec/core/binary/). */
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  noResult: 0x40,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  f64Load: 0x2b,
  f64Store: 0x39,
  i32Const: 0x41,
  i64Const: 0x42,
  f64Const: 0x44,
  i32Load: 0x28,
  i32Store: 0x36,
  i32GeU: 0x4f,
  i32Mul: 0x6c,
  i32Xor: 0x73,
  i32Rotl: 0x77,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32RemU: 0x70,
  i32Shl: 0x74,
  i64Mul: 0x7e,
  i64ShrU: 0x88,
  f64Add: 0xa0,
  f64Div: 0xa3,
  i32WrapI64: 0xa7,
  i64ExtendI32U: 0xad,
  f64ConvertI32U: 0xb8,
} as const;
const i32 = 0x7f;
const i64 = 0x7e;
const f64 = 0x7c;

function uleb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    out.push(rest ? low | 0x80 : low);
  } while (rest);
  return out;
}
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
const name = (text: string) => vector([...new TextEncoder().encode(text)].map((b) => [b]));

/** replicates(dataPtr, n, count, outPtr): `count` resample means, state kept at address 0. */
function kernelBody(): number[] {
  // Parameters, then locals.
  const [data, n, count, out] = [0, 1, 2, 3];
  const [a, b, c, d, r, i, x, result, t, threshold] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const [total, n64, product] = [14, 15, 16];
  const get = (local: number) => [op.localGet, local];
  const set = (local: number) => [op.localSet, local];
  const int = (value: number) => [op.i32Const, value]; // small non-negative constants (< 64)
  const loadState = (local: number, at: number) => [...int(at), op.i32Load, 2, 0, ...set(local)];
  const storeState = (local: number, at: number) => [...int(at), ...get(local), op.i32Store, 2, 0];
  const xorInto = (target: number, other: number) => [
    ...get(target),
    ...get(other),
    op.i32Xor,
    ...set(target),
  ];
  return [
    ...loadState(a, 0),
    ...loadState(b, 4),
    ...loadState(c, 8),
    ...loadState(d, 12),
    // Draws whose low product word falls under 2³² mod n are rejected (Lemire).
    ...int(0),
    ...get(n),
    op.i32Sub,
    ...get(n),
    op.i32RemU,
    ...set(threshold),
    ...get(n),
    op.i64ExtendI32U,
    ...set(n64),
    ...int(0),
    ...set(r),
    op.block,
    op.noResult,
    op.loop,
    op.noResult,
    ...get(r),
    ...get(count),
    op.i32GeU,
    op.brIf,
    1,
    op.f64Const,
    ...[0, 0, 0, 0, 0, 0, 0, 0],
    ...set(total),
    ...int(0),
    ...set(i),
    op.block,
    op.noResult,
    op.loop,
    op.noResult,
    ...get(i),
    ...get(n),
    op.i32GeU,
    op.brIf,
    1,
    // xoshiro128** step: result = rotl(b·5, 7)·9, then the state update.
    ...get(b),
    ...int(5),
    op.i32Mul,
    ...set(x),
    ...get(x),
    ...int(7),
    op.i32Rotl,
    ...int(9),
    op.i32Mul,
    ...set(result),
    ...get(b),
    ...int(9),
    op.i32Shl,
    ...set(t),
    ...xorInto(c, a),
    ...xorInto(d, b),
    ...xorInto(b, c),
    ...xorInto(a, d),
    ...xorInto(c, t),
    ...get(d),
    ...int(11),
    op.i32Rotl,
    ...set(d),
    // product = result·n: the index is its high word, the rejection test its low word.
    ...get(result),
    op.i64ExtendI32U,
    ...get(n64),
    op.i64Mul,
    op.localTee,
    product,
    op.i32WrapI64,
    ...get(threshold),
    op.i32GeU,
    op.if,
    op.noResult,
    ...get(total),
    ...get(data),
    ...get(product),
    op.i64Const,
    32,
    op.i64ShrU,
    op.i32WrapI64,
    ...int(3),
    op.i32Shl,
    op.i32Add,
    op.f64Load,
    3,
    0,
    op.f64Add,
    ...set(total),
    ...get(i),
    ...int(1),
    op.i32Add,
    ...set(i),
    op.end,
    op.br,
    0,
    op.end,
    op.end,
    // out[r] = total / n
    ...get(out),
    ...get(r),
    ...int(3),
    op.i32Shl,
    op.i32Add,
    ...get(total),
    ...get(n),
    op.f64ConvertI32U,
    op.f64Div,
    op.f64Store,
    3,
    0,
    ...get(r),
    ...int(1),
    op.i32Add,
    ...set(r),
    op.br,
    0,
    op.end,
    op.end,
    ...storeState(a, 0),
    ...storeState(b, 4),
    ...storeState(c, 8),
    ...storeState(d, 12),
    op.end,
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const locals = vector([
    [10, i32],
    [1, f64],
    [2, i64],
  ]);
  const code = [...locals, ...kernelBody()];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector([[i32], [i32], [i32], [i32]]), 0]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, 1]])),
    ...section(
      7,
      vector([
        [...name('memory'), 0x02, 0],
        [...name('replicates'), 0x00, 0],
      ]),
    ),
    ...section(10, vector([[...uleb(code.length), ...code]])),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(moduleBytes());
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Fills `count` replicates into `out` from `offset`, continuing from the generator `state`. */
export type DirectMeanKernel = (
  state: Int32Array,
  count: number,
  out: Float64Array,
  offset: number,
) => void;

const stateBytes = 16;
const pageBytes = 65_536;
/** Largest memory asked for: far below the 4 GiB a 32-bit address space allows. */
const maxBytes = 1 << 30;

/**
 * A WebAssembly instance holding a copy of `data`, or null where WebAssembly is unavailable or
 * the data would not fit (the caller then uses the JavaScript kernel: same replicates).
 * Replicates are computed a few per call: the first calls run V8's baseline code while its
 * optimizing compiler tiers the function up for the later ones.
 */
export function wasmDirectMeanKernel(data: Float64Array): DirectMeanKernel | null {
  const n = data.length;
  const compiledModule = kernelModule();
  if (!compiledModule || n === 0) return null;
  const slice = Math.max(1, Math.min(1024, Math.floor(262_144 / n)));
  const dataAt = stateBytes + 8 * slice;
  const bytes = dataAt + 8 * n;
  if (bytes > maxBytes) return null;
  const instance = new WebAssembly.Instance(compiledModule, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  const replicates = instance.exports.replicates as (
    dataPtr: number,
    n: number,
    count: number,
    outPtr: number,
  ) => void;
  memory.grow(Math.ceil(bytes / pageBytes));
  new Float64Array(memory.buffer, dataAt, n).set(data);
  const state = new Int32Array(memory.buffer, 0, 4);
  const results = new Float64Array(memory.buffer, stateBytes, slice);
  return (generator, count, out, offset) => {
    state.set(generator);
    for (let done = 0; done < count; done += slice) {
      const part = Math.min(slice, count - done);
      replicates(dataAt, n, part, stateBytes);
      out.set(part === slice ? results : results.subarray(0, part), offset + done);
    }
    generator.set(state);
  };
}
