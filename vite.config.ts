// The dApp in web/ is built with Vite; the dApp issue fills this in. Kept dependency-free until then so the type check
// and the contracts toolchain do not pull in the web stack.
const config = { root: "web", base: "./" };
export default config;
