import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../Loading';

const LazyCodeEditor = lazy(() => import('./CodeEditor'));
const LazyDiffEditor = lazy(() => import('./DiffEditor'));

/** Monaco is several megabytes: it loads on first use, not with the app. */
export function CodeEditor(props: ComponentProps<typeof LazyCodeEditor>) {
  return (
    <Suspense fallback={<Loading what="the editor" />}>
      <LazyCodeEditor {...props} />
    </Suspense>
  );
}

export function DiffEditor(props: ComponentProps<typeof LazyDiffEditor>) {
  return (
    <Suspense fallback={<Loading what="the diff" />}>
      <LazyDiffEditor {...props} />
    </Suspense>
  );
}

export type { EditorMarker } from './CodeEditor';
