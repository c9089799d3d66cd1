import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { describeError } from "../shared/chain/errors.ts";

export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : describeError(error);
  return (
    <main className="main">
      <h1>Something went wrong</h1>
      <p className="notice notice--danger" role="alert">
        {message}
      </p>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </main>
  );
}
