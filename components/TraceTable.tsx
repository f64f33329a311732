import { patternOf } from "@/lib/blog/patterns";
import { formatMs } from "@/lib/platform/format";
import type { RequestTrace } from "@/lib/platform/request-trace";

// One row per cache lookup (key, pattern, result), then one per other Redis operation.
export function TraceTable({ trace }: { trace: RequestTrace }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Key</th>
          <th>Pattern</th>
          <th>Result</th>
          <th>Time</th>
        </tr>
      </thead>
      <tbody>
        {trace.cache.map((entry, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a trace is an append-only list, so a position names one entry
          <tr key={i} data-testid="trace-entry" data-result={entry.result}>
            <td>
              <code>
                {entry.namespace}:{entry.key}
              </code>
            </td>
            <td>{patternOf(entry.namespace, entry.key)}</td>
            <td>
              <span className={`badge result-${entry.result.toLowerCase()}`}>{entry.result}</span>
            </td>
            <td>{formatMs(entry.ms)}</td>
          </tr>
        ))}
        {trace.operations.map((operation, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a trace is an append-only list, so a position names one entry
          <tr key={`op-${i}`} data-testid="trace-operation">
            <td>
              <code>{operation.key}</code>
            </td>
            <td>{operation.pattern}</td>
            <td>
              <span className="badge">{operation.result}</span>
            </td>
            <td>{formatMs(operation.ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
