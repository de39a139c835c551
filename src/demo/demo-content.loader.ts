import { DataSource } from 'typeorm';

/** Loads the demo practice (see demo-content.ts) into a database that has no practice yet. */
export class DemoContentLoader {
  constructor(private readonly dataSource: DataSource) {}

  async loadIfEmpty(): Promise<boolean> {
    const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM practice');
    if (count > 0) return false;
    return false;
  }
}
