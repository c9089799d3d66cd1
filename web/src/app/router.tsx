// Every page is its own chunk: the first paint loads only the shell and the page asked for.
import { createBrowserRouter, type RouteObject } from "react-router";
import { Layout } from "./Layout.tsx";
import { RouteError } from "./RouteError.tsx";

function page(load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, "lazy"> {
  return { lazy: async () => ({ Component: (await load()).default }) };
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <div className="skeleton" aria-busy="true" aria-label="Loading page" />,
    children: [
      { index: true, ...page(() => import("../features/overview/OverviewPage.tsx")) },
      { path: "proposals", ...page(() => import("../features/governance/ProposalsPage.tsx")) },
      { path: "proposals/new/:kind?", ...page(() => import("../features/proposing/NewProposalPage.tsx")) },
      { path: "proposals/:proposalId", ...page(() => import("../features/governance/ProposalPage.tsx")) },
      { path: "models", ...page(() => import("../features/registry/ModelsPage.tsx")) },
      { path: "models/:modelName", ...page(() => import("../features/registry/ModelPage.tsx")) },
      { path: "datasets", ...page(() => import("../features/registry/DatasetsPage.tsx")) },
      { path: "treasury", ...page(() => import("../features/treasury/TreasuryPage.tsx")) },
      { path: "delegate", ...page(() => import("../features/delegation/DelegationPage.tsx")) },
      { path: "guardian", ...page(() => import("../features/guardian/GuardianPage.tsx")) },
      { path: "dev", ...page(() => import("../features/devtools/LocalChainPage.tsx")) },
      { path: "*", ...page(() => import("./NotFoundPage.tsx")) },
    ],
  },
];

export const router = createBrowserRouter(routes, { basename: import.meta.env.BASE_URL.replace(/\/$/, "") || "/" });
