package io.videokit.autoconfigure;

import io.videokit.autoconfigure.properties.BroadcastProperties;
import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.broadcast.BroadcastService;
import io.videokit.broadcast.BroadcastStore;
import io.videokit.broadcast.DefaultBroadcast;
import io.videokit.broadcast.JpaBroadcastStore;
import io.videokit.web.broadcast.BroadcastController;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live broadcasts: the {@link DefaultBroadcast} store on JPA (an application replaces the {@link
 * BroadcastStore} bean to use its own entity), the service from {@code videokit.broadcast.*}, and
 * the endpoints in a servlet application. Wiring only.
 */
@AutoConfiguration(after = {HibernateJpaAutoConfiguration.class, VideokitAutoConfiguration.class})
@ConditionalOnClass({BroadcastService.class, EntityManager.class})
@ConditionalOnBean(EntityManagerFactory.class)
@ConditionalOnProperty(prefix = "videokit.broadcast", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({BroadcastProperties.class, SecurityProperties.class})
public class VideokitBroadcastAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitBroadcastAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  BroadcastStore<?> videokitBroadcastStore(EntityManagerFactory entityManagerFactory) {
    return new JpaBroadcastStore<>(
        SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
        DefaultBroadcast.class,
        DefaultBroadcast::new);
  }

  @Bean
  @ConditionalOnMissingBean
  BroadcastService<?> videokitBroadcastService(
      BroadcastStore<?> store,
      PlatformTransactionManager transactionManager,
      Clock clock,
      BroadcastProperties properties) {
    return new BroadcastService<>(
        store,
        new TransactionTemplate(transactionManager),
        clock,
        new BroadcastService.Settings(
            properties.getIngestBasePath(),
            properties.getMaxLivePerUser(),
            properties.getDefaultKind()));
  }

  /** The endpoints, in a servlet application with videokit-web. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(BroadcastController.class)
  static class Web {
    @Bean
    @ConditionalOnMissingBean
    BroadcastController videokitBroadcastController(
        BroadcastService<?> broadcasts,
        BroadcastProperties properties,
        SecurityProperties security) {
      return new BroadcastController(
          broadcasts, properties.getIngestBasePath(), security.getStaffRole());
    }
  }
}
