// Kit's DatabaseClient, which SQL cells with a `database` attribute compile to
// (`DatabaseClient("pg", {id: 3}).sql\`…\``): the query and its `${…}` values go to the kernel, which
// runs it with Kit's connectors (src/server/sql-cells.ts) or reads Kit's cached result, and the rows
// come back revived. Each `${…}` is a parameter of the query, never spliced into its text.
import { reviveResults, type QueryResults, type Rows } from "./query-results.ts";

export interface DatabaseQuery {
  database: string;
  strings: string[];
  params: unknown[];
  /** the cell's `since` attribute: a cached result older than this is run again */
  since?: Date;
}

export type RunQuery = (query: DatabaseQuery) => Promise<QueryResults>;

class DatabaseClientImpl {
  constructor(
    readonly name: string,
    readonly options: { id?: number; since?: Date },
    private readonly run: RunQuery
  ) {}
  async sql(strings: TemplateStringsArray | string[], ...params: unknown[]): Promise<Rows> {
    return reviveResults(await this.run({ database: this.name, strings: Array.from(strings), params, since: this.options.since }));
  }
}

export function createDatabaseClient(run: RunQuery) {
  const DatabaseClient = (name: string, { id, since }: { id?: number; since?: string | Date } = {}) => {
    if (typeof name !== "string" || !name) throw new TypeError('DatabaseClient needs a database name, e.g. DatabaseClient("duckdb")');
    return new DatabaseClientImpl(name, { id, since: since === undefined ? undefined : new Date(since) }, run);
  };
  DatabaseClient.revive = reviveResults;
  return DatabaseClient;
}
