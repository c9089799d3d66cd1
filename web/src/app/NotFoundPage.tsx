import { Link } from "react-router";

export default function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <Link to="/">Go to the overview</Link>.
      </p>
    </>
  );
}
