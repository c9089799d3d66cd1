import { useQuery } from "@tanstack/react-query";
import { gatewayUrls } from "../../config/deployment.ts";
import { fetchCardPreview } from "./modelCard.ts";

/** Content under a CID never changes, so the preview is read once and not refreshed with new blocks. */
export function useCardPreview(cid: string | null) {
  return useQuery({
    queryKey: ["content", "card-preview", cid],
    enabled: cid !== null,
    queryFn: () => fetchCardPreview(cid!, gatewayUrls),
    staleTime: Infinity,
    retry: false,
  });
}
