/**
 * What a Team page says when its address names a day or week that is no date: the manager who
 * edited it, or followed a mangled link, is told what they see instead of being left to think
 * the date they asked for is the one shown.
 */
export function NoSuchDateNote({
  unit,
  text,
}: {
  unit: 'day' | 'week';
  /** What the address held in the date's place. */
  text: string;
}): React.JSX.Element {
  return (
    <p className="notice" role="note">
      No such {unit} as “{text}”: showing {unit === 'day' ? 'today' : 'this week'}.
    </p>
  );
}
