/**
 * Chat-format production logs: one JSON object per line holding an OpenAI-style `messages`
 * array and the logged response. Accepted shapes (see docs/datasets.md):
 *   messages:  `messages` | `request.messages` | `body.messages`
 *   response:  `response` (string | message | chat completion | batch `{ body: completion }`)
 *              | `completion` (string) | `choices` (array) | `output` (string)
 *              | otherwise the final assistant turn of `messages`.
 */

export interface ChatMessage {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

export type ChatExtraction =
  | {
      ok: true;
      /** The conversation up to (not including) the logged assistant response. */
      messages: ChatMessage[];
      reference: string | null;
      model: string | null;
      /** Top-level keys the extraction used; the rest go to metadata. */
      consumed: string[];
    }
  | { ok: false; field: string; message: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Text of a message content: a string, or the text parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        typeof part === 'string'
          ? part
          : isObject(part) && typeof part.text === 'string'
            ? part.text
            : '',
      )
      .join('');
  }
  return '';
}

function messagesOf(record: Record<string, unknown>): { value: unknown; key: string } | null {
  if (Array.isArray(record.messages)) return { value: record.messages, key: 'messages' };
  for (const key of ['request', 'body']) {
    const holder = record[key];
    if (isObject(holder) && Array.isArray(holder.messages)) return { value: holder.messages, key };
  }
  return null;
}

/** True when the record looks like a chat log line (used to auto-detect the format). */
export function isChatRecord(record: Record<string, unknown>): boolean {
  return messagesOf(record) !== null;
}

function completionText(completion: Record<string, unknown>): string | null {
  const choices = completion.choices;
  if (Array.isArray(choices) && choices.length > 0) {
    const first: unknown = choices[0];
    if (isObject(first)) {
      if (isObject(first.message)) return contentText(first.message.content);
      if (typeof first.text === 'string') return first.text;
    }
  }
  return null;
}

function responseText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return null;
  if (typeof value.role === 'string' && 'content' in value) return contentText(value.content);
  const direct = completionText(value);
  if (direct !== null) return direct;
  if (isObject(value.body)) return completionText(value.body);
  if (typeof value.content === 'string') return value.content;
  if (typeof value.output_text === 'string') return value.output_text;
  return null;
}

function modelOf(record: Record<string, unknown>): string | null {
  for (const holder of [record, record.request, record.body, record.response]) {
    if (isObject(holder) && typeof holder.model === 'string') return holder.model;
    if (isObject(holder) && isObject(holder.body) && typeof holder.body.model === 'string')
      return holder.body.model;
  }
  return null;
}

export function extractChat(record: Record<string, unknown>): ChatExtraction {
  const found = messagesOf(record);
  if (!found)
    return {
      ok: false,
      field: 'messages',
      message: 'no "messages" array (nor request.messages / body.messages)',
    };
  const list = found.value as unknown[];
  for (const [i, message] of list.entries()) {
    if (!isObject(message) || typeof message.role !== 'string') {
      return {
        ok: false,
        field: `messages.${i}`,
        message: 'each message must be an object with a string "role"',
      };
    }
  }
  let messages = list as ChatMessage[];
  const consumed = [found.key];
  let reference: string | null = null;
  for (const key of ['response', 'completion', 'choices', 'output']) {
    if (!(key in record) || record[key] === null) continue;
    const text =
      key === 'choices' ? completionText({ choices: record.choices }) : responseText(record[key]);
    if (text === null)
      return { ok: false, field: key, message: `cannot read the response text from "${key}"` };
    reference = text;
    consumed.push(key);
    break;
  }
  const last = messages.at(-1);
  if (last?.role === 'assistant') {
    // The final assistant turn is the logged response; the input is what came before it.
    reference ??= contentText(last.content);
    messages = messages.slice(0, -1);
  }
  if (messages.length === 0)
    return { ok: false, field: found.key, message: 'no messages before the response' };
  return { ok: true, messages, reference, model: modelOf(record), consumed };
}
