/**
 * HumanEval-style functional correctness (Chen et al. 2021): the program is the prompt, the
 * model's completion, the item's tests and `check(<entry point>)`, run by python3 in the
 * subprocess sandbox. Passing means the process exited 0 within the limits.
 */
import { z } from 'zod';
import { runPython } from '../sandbox/pythonSandbox';
import { defineScorer, type ScoreInput } from '../types';
import { referenceText } from './reference';

const Source = z
  .string()
  .regex(
    /^(input|reference|metadata\.[A-Za-z0-9_.-]+)$/,
    'use "input", "reference" or "metadata.<path>"',
  );

const CodeParams = z.strictObject({
  language: z.literal('python').default('python'),
  promptFrom: Source.default('input').describe(
    'Where the function signature and docstring are (prepended to the completion).',
  ),
  testsFrom: Source.default('metadata.test').describe(
    'Where the test code defining check(candidate) is.',
  ),
  entryPointFrom: Source.default('metadata.entry_point').describe(
    'Where the name of the function under test is.',
  ),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  memoryMb: z.number().int().min(64).max(8192).default(512),
});
type CodeParams = z.infer<typeof CodeParams>;

function source(input: ScoreInput, from: string): string | null {
  if (from === 'input') return input.input;
  return referenceText(input, from);
}

/** The code of a completion: the first fenced block when there is one, else the text itself. */
export function completionCode(output: string): string {
  const fence = /```(?:python|py)?[ \t]*\n([\s\S]*?)```/.exec(output);
  return fence?.[1] ?? output;
}

/** prompt + completion + tests + check(entry_point), as HumanEval's execution harness builds it. */
export function buildProgram(
  prompt: string,
  completion: string,
  tests: string,
  entryPoint: string,
): string {
  const code = completionCode(completion);
  // A completion that restates the whole function starts at column 0; it then follows the
  // prompt as a redefinition. A body-only completion continues the prompt directly.
  const joined = /^(def|class|import|from|@)\b/m.test(code.split('\n').find((l) => l.trim()) ?? '')
    ? `${prompt}\n${code}`
    : `${prompt}${code}`;
  return `${joined}\n\n${tests}\n\ncheck(${entryPoint})\n`;
}

export const codeExecution = defineScorer<CodeParams>({
  id: 'code-exec',
  version: '1',
  label: 'Code execution (HumanEval)',
  description:
    'Runs prompt + completion + the item tests + check(entry_point) with python3 in a sandboxed subprocess (time and memory limits, no network, scratch directory). Passes when the tests pass. pass@k over repeats is reported in the summary.',
  family: 'code',
  scope: 'cell',
  execution: 'pool',
  valueType: 'binary',
  paramsSchema: CodeParams,
  async score(input, params) {
    const prompt = source(input, params.promptFrom);
    const tests = source(input, params.testsFrom);
    const entryPoint = source(input, params.entryPointFrom);
    if (prompt === null || tests === null || entryPoint === null) {
      return {
        value: null,
        isPass: null,
        details: {},
        error: 'the item lacks the prompt, tests or entry point this scorer was told to use',
      };
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(entryPoint)) {
      return {
        value: null,
        isPass: null,
        details: { entryPoint },
        error: 'the entry point is not a Python identifier',
      };
    }
    const result = await runPython(buildProgram(prompt, input.output, tests, entryPoint), params);
    return {
      value: result.passed ? 1 : 0,
      isPass: result.passed,
      details: {
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        durationMs: Math.round(result.durationMs),
        networkIsolated: result.isNetworkIsolated,
        ...(result.passed ? {} : { stderr: result.stderrTail }),
      },
    };
  },
});
