/** Which API a request is for, and its answer: model lists, embeddings, chat (with faults). */
import type { IncomingMessage } from 'node:http';
import { behaviourFor, sampleLatency } from './behaviour';
import {
  anthropicModels,
  defaultModelList,
  geminiEmbeddings,
  geminiModels,
  identityResponse,
  openaiEmbeddings,
  openaiModels,
} from './catalog';
import { serveBodilessFault, serveChat, type FaultTiming } from './chat';
import { errorReply, type Exchange } from './exchange';
import { anthropicFormat } from './formats/anthropic';
import { BadRequest, headerValue, isObject, type WireFormat } from './formats/common';
import { geminiFormat, geminiModelOf } from './formats/gemini';
import { openaiFormat } from './formats/openai';
import { respond } from './responders';
import type { SimState } from './state';
import { estimatePromptTokens, shapeReply } from './text';
import type { FaultSpec, SimRoute } from './types';

const defaultResponder = { kind: 'echo' } as const;

export interface Route {
  route: SimRoute;
  format: WireFormat;
  kind: 'chat' | 'embeddings' | 'models';
}

const route = (r: SimRoute, format: WireFormat, kind: Route['kind']): Route => ({
  route: r,
  format,
  kind,
});

export function routeOf(method: string, path: string, req: IncomingMessage): Route | null {
  if (method === 'POST') {
    if (path === '/v1/chat/completions') return route('openai.chat', openaiFormat, 'chat');
    if (path === '/v1/messages') return route('anthropic.messages', anthropicFormat, 'chat');
    if (path === '/v1/embeddings') return route('openai.embeddings', openaiFormat, 'embeddings');
    if (path.startsWith('/openai/deployments/')) {
      if (path.endsWith('/chat/completions')) return route('azure.chat', openaiFormat, 'chat');
      if (path.endsWith('/embeddings'))
        return route('azure.embeddings', openaiFormat, 'embeddings');
    }
    if (path.startsWith('/v1beta/models/')) {
      if (path.endsWith(':generateContent')) return route('gemini.generate', geminiFormat, 'chat');
      if (path.endsWith(':streamGenerateContent'))
        return route('gemini.stream', geminiFormat, 'chat');
      if (path.endsWith(':batchEmbedContents') || path.endsWith(':embedContent'))
        return route('gemini.embed', geminiFormat, 'embeddings');
    }
    return null;
  }
  if (method !== 'GET') return null;
  if (path === '/v1/models') {
    return headerValue(req.headers, 'anthropic-version')
      ? route('anthropic.models', anthropicFormat, 'models')
      : route('openai.models', openaiFormat, 'models');
  }
  if (path === '/openai/models') return route('azure.models', openaiFormat, 'models');
  if (path === '/v1beta/models') return route('gemini.models', geminiFormat, 'models');
  return null;
}

function timingOf(faults: FaultSpec): FaultTiming {
  return { retryAfterMs: faults.retryAfterMs ?? 1000, stallMs: faults.stallMs ?? 600_000 };
}

/** Answers one logged request: identity endpoints, auth, model lists, embeddings, chat. */
export function serveRequest(
  state: SimState,
  ex: Exchange,
  r: Route | null,
  path: string,
  query: string,
  bodyText: string,
): void {
  const { config } = state;
  const models = config.modelList ?? defaultModelList;
  if (!r) {
    const identity =
      ex.req.method === 'GET' && config.server
        ? identityResponse(config.server, path, models)
        : null;
    if (identity === null)
      return ex.json(
        404,
        JSON.stringify({ error: { message: `no route for ${ex.entry.method} ${path}` } }),
      );
    ex.entry.route = 'server.identity';
    return ex.json(200, identity);
  }
  ex.entry.route = r.route;
  if (config.apiKey) {
    const key = r.format.keyOf(ex.req.headers, query);
    if (key !== config.apiKey) return ex.sendError(errorReply(r.format, 'auth', 0, key));
  }
  if (r.kind === 'models') {
    if (r.route === 'anthropic.models') return ex.json(200, anthropicModels(models));
    if (r.route === 'gemini.models') return ex.json(200, geminiModels(models));
    return ex.json(200, openaiModels(models, config.server ?? 'openai'));
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return ex.json(400, JSON.stringify({ error: { message: 'the body is not valid JSON' } }));
  }
  try {
    if (r.kind === 'embeddings') serveEmbeddings(state, ex, r, body, path);
    else serveChatRoute(state, ex, r, body, path);
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    ex.sendError(r.format.error('bad_request', error.message, 0));
  }
}

function serveChatRoute(state: SimState, ex: Exchange, r: Route, body: unknown, path: string) {
  const { config, random } = state;
  const call = r.format.parseChat(body, path);
  ex.entry.model = call.model;
  ex.entry.stream = call.stream;
  const behaviour = behaviourFor(config, call.model);
  const responder = config.models?.[call.model]?.responder ?? config.responder ?? defaultResponder;
  const reply = shapeReply(respond(responder, call, config.seed ?? 1), call.maxTokens, call.stop);
  const fault = state.counters.pick(behaviour.faults, ex.entry.tag, random);
  const plan = {
    format: r.format,
    call,
    reply,
    usage: behaviour.omitUsage
      ? null
      : { input: estimatePromptTokens(call.messages), output: reply.pieces.length },
    id: `sim-${ex.entry.seq}`,
    latencyMs: sampleLatency(behaviour.latency, random),
    tokensPerSecond: behaviour.tokensPerSecond,
  };
  serveChat(ex, plan, fault, timingOf(behaviour.faults));
}

function serveEmbeddings(state: SimState, ex: Exchange, r: Route, body: unknown, path: string) {
  if (!isObject(body)) throw new BadRequest('the body must be a JSON object');
  const { config, random } = state;
  const isGemini = r.format === geminiFormat;
  const model = isGemini ? geminiModelOf(path) : typeof body.model === 'string' ? body.model : null;
  ex.entry.model = model;
  const behaviour = behaviourFor(config, model);
  const fault = state.counters.pick(behaviour.faults, ex.entry.tag, random);
  const timing = timingOf(behaviour.faults);
  if (serveBodilessFault(ex, r.format, fault, timing)) return;
  const dims = config.embeddingDimensions ?? 8;
  const text = isGemini ? geminiEmbeddings(body, dims) : openaiEmbeddings(body, model, dims);
  ex.after(sampleLatency(behaviour.latency, random), () => {
    if (fault === 'slow_loris') {
      ex.entry.status = 200;
      ex.res.writeHead(200, { 'content-type': 'application/json' });
      ex.res.flushHeaders();
      return ex.stall(timing.stallMs);
    }
    // A cut or broken embeddings body is, to the client, the same thing: unparseable JSON.
    ex.json(200, fault === 'ok' ? text : text.slice(0, Math.floor(text.length / 2)));
  });
}
