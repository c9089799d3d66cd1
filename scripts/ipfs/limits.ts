/** The most one upload request may carry (the content node refuses more with 413; the dApp refuses earlier). */
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
