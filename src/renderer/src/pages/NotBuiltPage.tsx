export function NotBuiltPage({ title, what }: { title: string; what: string }): React.JSX.Element {
  return (
    <section className="page">
      <header className="page-head">
        <h1>{title}</h1>
      </header>
      <div className="empty">
        <p>
          <strong>Not built yet.</strong> {what} will live here.
        </p>
      </div>
    </section>
  );
}
