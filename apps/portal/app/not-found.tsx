import { PortalHeader } from '../components/portal-header';

/** An unknown portal path, with the site header (the root layout has none, so that embeds have none). */
export default function NotFound() {
  return (
    <>
      <PortalHeader />
      <main>
        <h1>Not found</h1>
        <p className="caption">
          No page at this address. Start from the <a href="/">models</a>.
        </p>
      </main>
    </>
  );
}
