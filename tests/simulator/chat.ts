/** Answers a parsed chat request: normally, streamed, or with the fault chosen for it. */
import type { ChatPlan, Exchange } from './exchange';
import { errorReply } from './exchange';
import type { HttpErrorKind, WireFormat } from './formats/common';
import type { FaultKind } from './types';

const httpFaults = new Set<FaultKind>([
  'rate_limit',
  'rate_limit_date',
  'rate_limit_reset',
  'rate_limit_bare',
  'server_500',
  'server_503',
  'auth',
  'bad_request',
]);

export interface FaultTiming {
  retryAfterMs: number;
  stallMs: number;
}

/** Answers the faults that need no reply body (resets, stalls, HTTP errors); false otherwise. */
export function serveBodilessFault(
  ex: Exchange,
  format: WireFormat,
  fault: FaultKind,
  timing: FaultTiming,
): boolean {
  ex.entry.fault = fault;
  if (fault === 'reset') ex.reset();
  else if (fault === 'timeout') ex.stall(timing.stallMs);
  else if (httpFaults.has(fault))
    ex.sendError(errorReply(format, fault as HttpErrorKind, timing.retryAfterMs));
  else return false;
  return true;
}

export function serveChat(ex: Exchange, plan: ChatPlan, fault: FaultKind, timing: FaultTiming) {
  if (serveBodilessFault(ex, plan.format, fault, timing)) return;
  if (plan.call.stream) return ex.after(plan.latencyMs, () => stream(ex, plan, fault, timing));
  const generation =
    plan.tokensPerSecond > 0 ? (plan.reply.pieces.length * 1000) / plan.tokensPerSecond : 0;
  ex.after(plan.latencyMs + generation, () => reply(ex, plan, fault, timing));
}

function reply(ex: Exchange, plan: ChatPlan, fault: FaultKind, timing: FaultTiming) {
  if (fault === 'slow_loris') {
    ex.entry.status = 200;
    ex.res.writeHead(200, { 'content-type': 'application/json' });
    ex.res.flushHeaders();
    return ex.stall(timing.stallMs);
  }
  const body = plan.format.completion(plan.call, plan.reply, plan.usage, plan.id);
  if (fault === 'malformed')
    return ex.json(200, body.slice(0, Math.floor(body.length / 2)) + '<html>');
  if (fault === 'truncated') {
    ex.entry.status = 200;
    ex.res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    ex.res.write(body.slice(0, Math.floor(body.length / 2)));
    ex.serverClosed = true;
    // Let the half body reach the client before the connection drops.
    setImmediate(() => ex.res.destroy());
    return;
  }
  ex.json(200, body);
}

function stream(ex: Exchange, plan: ChatPlan, fault: FaultKind, timing: FaultTiming) {
  const { format, call, reply: shaped, usage, id } = plan;
  ex.startStream();
  const start = format.streamStart(call, usage, id);
  if (fault === 'slow_loris') {
    ex.res.write(start || ': stalled\n\n');
    return ex.stall(timing.stallMs);
  }
  if (start) ex.res.write(start);
  const pieces = shaped.pieces;
  const cut = fault === 'truncated' ? Math.floor(pieces.length / 2) : pieces.length;
  const finish = () => {
    if (fault === 'truncated') {
      // A clean end of the HTTP response, but without the stream's terminal event.
      ex.res.end();
      return;
    }
    if (fault === 'malformed') ex.res.write('data: {"choices": [{"delta": {"content": \n\n');
    ex.res.end(format.streamEnd(call, shaped, usage, id));
  };
  if (plan.tokensPerSecond <= 0) {
    let text = '';
    for (let i = 0; i < cut; i++) text += format.streamPiece(call, pieces[i] as string, id);
    if (text) ex.res.write(text);
    return finish();
  }
  const gap = 1000 / plan.tokensPerSecond;
  let index = 0;
  const next = () => {
    if (index >= cut) return finish();
    ex.res.write(format.streamPiece(call, pieces[index++] as string, id));
    ex.after(gap, next);
  };
  next();
}
