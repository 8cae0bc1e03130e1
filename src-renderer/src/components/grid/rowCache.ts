/**
 * Pages of rows fetched on demand for a virtual grid: keeps at most `maxPages` pages (least
 * recently used evicted), never fetches a page twice at once, and drops everything when the
 * query (filter/sort) changes.
 */
export class RowPageCache<Row> {
  private readonly pages = new Map<number, Row[]>();
  private readonly inFlight = new Set<number>();
  private generation = 0;

  constructor(
    private readonly pageSize: number,
    private readonly fetchPage: (offset: number, limit: number) => Promise<Row[]>,
    private readonly onLoaded: () => void,
    private readonly maxPages = 200,
  ) {}

  get(index: number): Row | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  /** Ensures the pages covering [start, end) are loaded or loading. */
  request(start: number, end: number): void {
    const firstPage = Math.floor(start / this.pageSize);
    const lastPage = Math.floor(Math.max(start, end - 1) / this.pageSize);
    for (let page = firstPage; page <= lastPage; page++) {
      const cached = this.pages.get(page);
      if (cached) {
        // Refresh recency.
        this.pages.delete(page);
        this.pages.set(page, cached);
        continue;
      }
      if (this.inFlight.has(page)) continue;
      this.inFlight.add(page);
      const generation = this.generation;
      void this.fetchPage(page * this.pageSize, this.pageSize)
        .then((rows) => {
          if (generation !== this.generation) return;
          this.pages.set(page, rows);
          while (this.pages.size > this.maxPages) {
            const oldest = this.pages.keys().next().value;
            if (oldest === undefined) break;
            this.pages.delete(oldest);
          }
          this.onLoaded();
        })
        .finally(() => this.inFlight.delete(page));
    }
  }

  clear(): void {
    this.generation++;
    this.pages.clear();
    this.inFlight.clear();
  }
}
