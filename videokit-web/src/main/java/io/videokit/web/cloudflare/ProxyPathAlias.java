package io.videokit.web.cloudflare;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Maps the Cloudflare creation proxy also at its path without (or with) the trailing slash, so that
 * {@code /cloudflare-stream-upload} and {@code /cloudflare-stream-upload/} both create (the Django
 * package documents the slash; clients drop it).
 */
public class ProxyPathAlias implements SmartInitializingSingleton {

  private final RequestMappingHandlerMapping mapping;
  private final CloudflareUploadController proxy;
  private final String path;

  /**
   * The alias.
   *
   * @param mapping Spring MVC's handler mapping
   * @param proxy the proxy controller
   * @param path the configured path ({@code videokit.cloudflare.upload.path})
   */
  public ProxyPathAlias(
      RequestMappingHandlerMapping mapping, CloudflareUploadController proxy, String path) {
    this.mapping = mapping;
    this.proxy = proxy;
    this.path = path;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String other = path.endsWith("/") ? path.replaceAll("/+$", "") : path + "/";
    if (other.isEmpty()) {
      return;
    }
    try {
      mapping.registerMapping(
          RequestMappingInfo.paths(other).options(mapping.getBuilderConfiguration()).build(),
          proxy,
          CloudflareUploadController.class.getMethod("create", HttpServletRequest.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the proxy's create method is gone", e);
    }
  }
}
