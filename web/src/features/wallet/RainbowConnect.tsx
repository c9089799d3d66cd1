import "@rainbow-me/rainbowkit/styles.css";
import { ConnectButton, darkTheme, lightTheme, RainbowKitProvider } from "@rainbow-me/rainbowkit";
import { useTheme } from "../../shared/theme.ts";

export default function RainbowConnect() {
  const theme = useTheme();
  return (
    <RainbowKitProvider
      theme={theme === "dark" ? darkTheme({ accentColor: "#8b85ff" }) : lightTheme({ accentColor: "#4f46e5" })}
      modalSize="compact"
      appInfo={{ appName: "ModelDAO" }}
    >
      <ConnectButton showBalance={false} chainStatus="icon" accountStatus="address" label="Connect wallet" />
    </RainbowKitProvider>
  );
}
