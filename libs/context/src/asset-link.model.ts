/** A container image that runs as an asset, so a report about the image belongs to the asset. */
export interface ImageLink {
  /** Image name without tag or digest. */
  image: string;
  asset: string;
  /** Object or file that states the link, for example `k8s:deploy.yaml#Deployment/payments`. */
  source: string;
}

/** A source repository that an asset is built from, so a report about the repository belongs to the asset. */
export interface RepositoryLink {
  /** Repository as the file writes it, without a trailing `/` or `.git`. */
  repository: string;
  asset: string;
  source: string;
}
