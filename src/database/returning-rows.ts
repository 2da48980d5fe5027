/**
 * TypeORM's postgres driver returns `[rows, affectedCount]` for UPDATE and DELETE, and the rows
 * themselves for SELECT and INSERT. Statements with RETURNING read their rows through this.
 */
export function returningRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
