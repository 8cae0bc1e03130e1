/**
 * Writes a copy of a GGUF model with a chat template added to its metadata, so the local
 * provider's chat-template path runs on a real model (stories260K has no template). Only the
 * metadata section changes: tensor infos and tensor data are copied byte for byte, with the
 * data section re-aligned after the longer header.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const typeSizes: Record<number, number> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};
const stringType = 8;
const arrayType = 9;

class Reader {
  offset = 0;
  constructor(readonly buf: Buffer) {}
  u32() {
    const v = this.buf.readUInt32LE(this.offset);
    this.offset += 4;
    return v;
  }
  u64() {
    const v = this.buf.readBigUInt64LE(this.offset);
    this.offset += 8;
    return Number(v);
  }
  string() {
    const length = this.u64();
    const text = this.buf.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return text;
  }
  skipValue(type: number) {
    if (type === stringType) this.string();
    else if (type === arrayType) {
      const itemType = this.u32();
      const count = this.u64();
      for (let i = 0; i < count; i++) this.skipValue(itemType);
    } else {
      const size = typeSizes[type];
      if (size === undefined) throw new Error(`unknown GGUF value type ${type}`);
      this.offset += size;
    }
  }
}

function ggufString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(bytes.length));
  return Buffer.concat([length, bytes]);
}

export function writeGgufWithChatTemplate(source: string, destination: string, template: string) {
  const buf = readFileSync(source);
  const r = new Reader(buf);
  if (buf.toString('ascii', 0, 4) !== 'GGUF') throw new Error(`${source} is not a GGUF file`);
  r.offset = 4;
  const version = r.u32();
  const tensorCount = r.u64();
  const kvCount = r.u64();
  const kvStart = r.offset;
  let alignment = 32;
  for (let i = 0; i < kvCount; i++) {
    const key = r.string();
    const type = r.u32();
    if (key === 'general.alignment' && type === 4) alignment = buf.readUInt32LE(r.offset);
    if (key === 'tokenizer.chat_template') throw new Error(`${source} already has a chat template`);
    r.skipValue(type);
  }
  const kvEnd = r.offset;
  for (let i = 0; i < tensorCount; i++) {
    r.string();
    const dims = r.u32();
    r.offset += 8 * dims + 4 + 8;
  }
  const infosEnd = r.offset;
  const dataStart = Math.ceil(infosEnd / alignment) * alignment;

  const header = Buffer.alloc(24);
  header.write('GGUF', 0, 'ascii');
  header.writeUInt32LE(version, 4);
  header.writeBigUInt64LE(BigInt(tensorCount), 8);
  header.writeBigUInt64LE(BigInt(kvCount + 1), 16);
  const typeField = Buffer.alloc(4);
  typeField.writeUInt32LE(stringType);
  const added = Buffer.concat([
    ggufString('tokenizer.chat_template'),
    typeField,
    ggufString(template),
  ]);
  const head = Buffer.concat([
    header,
    buf.subarray(kvStart, kvEnd),
    added,
    buf.subarray(kvEnd, infosEnd),
  ]);
  const padding = Buffer.alloc((alignment - (head.length % alignment)) % alignment);
  writeFileSync(destination, Buffer.concat([head, padding, buf.subarray(dataStart)]));
}

/** ChatML, the template of Qwen2.5 (the default local model) and many others. */
export const chatMlTemplate =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
