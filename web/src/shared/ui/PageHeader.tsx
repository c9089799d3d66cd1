import type { ReactNode } from "react";

/** A page's title and one-line purpose; `titleId` lets the page's section be labelled by its heading. */
export function PageHeader({
  title,
  titleId,
  description,
}: {
  title: ReactNode;
  titleId: string;
  description?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        <h1 id={titleId}>{title}</h1>
        {description ? <p className="muted">{description}</p> : null}
      </div>
    </div>
  );
}
