/** Stars with halves (BT-5): a partly filled star means a less suitable time than a full one. */
export function Stars({ value }: { value: number }): React.JSX.Element {
  const stars = [1, 2, 3, 4, 5].map((i) =>
    value >= i ? 'full' : value >= i - 0.5 ? 'half' : 'empty',
  );
  return (
    <span className="stars" role="img" aria-label={`${value} of 5 stars`} title={`${value} of 5`}>
      {stars.map((kind, i) => (
        <span key={i} className={`star star-${kind}`} aria-hidden>
          ★
        </span>
      ))}
    </span>
  );
}
