/**
 * A plan that did not come: what failed, in words, and the way to ask again, instead of a bare
 * message that waits for the next data change.
 */
export function PlanLoadError({
  message,
  onRetry,
}: {
  message: string;
  onRetry: () => void;
}): React.JSX.Element {
  return (
    <p className="error plan-load-error" role="alert">
      {message}{' '}
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </p>
  );
}
