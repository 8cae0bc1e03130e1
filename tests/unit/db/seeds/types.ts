import type { Db } from '@core/db/connection';

export interface MigrationSeed {
  insert(db: Db): void;
  check(db: Db): void;
}
