export {
  startStorefrontPreview,
  type StorefrontPreview,
  type StorefrontPreviewOptions,
} from "./preview-server";
