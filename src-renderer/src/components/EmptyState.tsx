import type { ReactNode } from 'react';

/**
 * An empty screen that says what to do next. `level` 1 when it is the whole page (its title is
 * then the page's only heading), 2 when it sits under the page's own heading.
 */
export function EmptyState({
  title,
  level = 2,
  children,
}: {
  title: string;
  level?: 1 | 2;
  children: ReactNode;
}) {
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <div className="empty-state" role="status">
      <Heading>{title}</Heading>
      <div className="empty-state-body">{children}</div>
    </div>
  );
}
