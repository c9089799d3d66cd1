import type { Address as AddressType } from "viem";
import { useAccount } from "wagmi";
import { shortAddress } from "../format.ts";

/** An address shown short, whole on hover and to screen readers; "you" when it is the connected account. */
export function Address({ address, label }: { address: AddressType | string; label?: string }) {
  const { address: connected } = useAccount();
  const isYou = connected !== undefined && connected.toLowerCase() === address.toLowerCase();
  return (
    <span className="mono" title={address} aria-label={label ?? address}>
      {shortAddress(address)}
      {isYou ? <span className="badge badge--accent"> you</span> : null}
    </span>
  );
}
