import { Suspense } from "react";
import { NavLink, Outlet, ScrollRestoration } from "react-router";
import { isLocalChain } from "../config/deployment.ts";
import { IndexerNotice } from "../features/governance/IndexerNotice.tsx";
import { PauseBanner } from "../features/safety/PauseBanner.tsx";
import { ConnectControl } from "../features/wallet/ConnectControl.tsx";
import { NetworkBanner } from "../features/wallet/NetworkBanner.tsx";
import { useRefreshOnNewBlocks } from "../shared/chain/head.ts";
import { ThemeToggle } from "../shared/ui/ThemeToggle.tsx";

const NAV = [
  ["/", "Overview"],
  ["/proposals", "Proposals"],
  ["/models", "Models"],
  ["/datasets", "Datasets"],
  ["/treasury", "Treasury"],
  ["/delegate", "Delegation"],
  ["/guardian", "Guardian"],
] as const;

export function Layout() {
  useRefreshOnNewBlocks();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <NavLink to="/" className="brand">
            ModelDAO
          </NavLink>
          <nav className="nav" aria-label="Main">
            {NAV.map(([to, label]) => (
              <NavLink key={to} to={to} end={to === "/"}>
                {label}
              </NavLink>
            ))}
            {isLocalChain ? <NavLink to="/dev">Local chain</NavLink> : null}
          </nav>
          <div className="header-actions">
            <NavLink to="/proposals/new" className="button button--ghost">
              New proposal
            </NavLink>
            <ThemeToggle />
            <ConnectControl />
          </div>
        </div>
        <NetworkBanner />
        <PauseBanner />
        <IndexerNotice />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<div className="skeleton" aria-busy="true" aria-label="Loading page" />}>
          <Outlet />
        </Suspense>
      </main>
      <ScrollRestoration />
    </>
  );
}
