package dev.perfmon.jdbc.internal;

import com.example.unlisted.UnlistedLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.samples.petclinic.owner.PetClinicFrames;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The framework-frame list: which classes are never a call site, and which always are. */
class CallSitesTest {

    private final CallSites plain = new CallSites(List.of());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "org.apache.tomcat.websocket.server.WsFilter",
        "org.apache.catalina.core.ApplicationFilterChain",
        "org.apache.coyote.http11.Http11Processor",
        "org.eclipse.jetty.ee10.servlet.ServletHandler",
        "io.undertow.servlet.handlers.ServletHandler",
        "org.springframework.web.servlet.DispatcherServlet",
        "org.springframework.web.filter.OncePerRequestFilter",
        "org.springframework.beans.factory.support.AbstractBeanFactory",
        "org.springframework.aop.framework.ReflectiveMethodInvocation",
        "org.springframework.transaction.interceptor.TransactionInterceptor",
        "org.springframework.orm.jpa.SharedEntityManagerCreator$SharedEntityManagerInvocationHandler",
        "org.springframework.data.jpa.repository.support.SimpleJpaRepository",
        "org.springframework.jdbc.core.JdbcTemplate",
        "org.springframework.cglib.proxy.MethodProxy",
        "org.springframework.boot.SpringApplication",
        "org.springframework.context.support.AbstractApplicationContext",
        "org.springframework.core.MethodParameter",
        "org.springframework.util.ReflectionUtils",
        "org.springframework.dao.support.PersistenceExceptionTranslationInterceptor",
        "org.thymeleaf.engine.ProcessorTemplateHandler",
        "org.thymeleaf.spring6.expression.SPELVariableExpressionEvaluator",
        "freemarker.core.Environment",
        "com.samskivert.mustache.Template",
        "org.hibernate.collection.spi.AbstractPersistentCollection",
        "org.hibernate.proxy.AbstractLazyInitializer",
        "com.fasterxml.jackson.databind.ser.BeanSerializer",
        "tools.jackson.databind.ser.BeanSerializer",
        "com.zaxxer.hikari.pool.HikariProxyPreparedStatement",
        "java.util.ArrayList",
        "jdk.internal.reflect.DirectMethodHandleAccessor",
        "jdk.proxy2.$Proxy123",
        "com.sun.proxy.$Proxy45",
        "org.springframework.samples.petclinic.owner.OwnerRepository$$SpringCGLIB$$0",
        "com.example.Owner$HibernateProxy$Xyz",
        "dev.perfmon.jdbc.PerfMonDataSource",
        "dev.perfmon.jdbc.internal.TimedPreparedStatement",
        "dev.perfmon.core.RequestScope",
    })
    void frameworkFramesAreNeverTheCallSite(String className) {
        assertThat(plain.isInfrastructure(className)).as(className).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "org.springframework.samples.petclinic.owner.OwnerController",
        "org.springframework.samples.petclinic.vet.VetController",
        "com.example.orders.OrderService",
        "dev.perfmon.jdbc.PerfMonDataSourceTest",
        "io.github.someone.shop.CartService",
    })
    void applicationFramesAreCallSitesEvenInAFrameworkVendorsNamespace(String className) {
        assertThat(plain.isInfrastructure(className)).as(className).isFalse();
    }

    @Test
    void declaredApplicationPackagesWinOverTheListButNotOverGeneratedClassesOrIgnoredFrames() {
        CallSites sites = new CallSites(List.of("org.springframework.web.demo.repo."),
                List.of("org.springframework.web.demo."));

        assertThat(sites.isInfrastructure("org.springframework.web.demo.DemoController")).isFalse();
        assertThat(sites.isInfrastructure("org.springframework.web.demo.repo.BaseRepository")).isTrue();
        assertThat(sites.isInfrastructure("org.springframework.web.demo.DemoController$$SpringCGLIB$$0")).isTrue();
        assertThat(sites.isInfrastructure("org.springframework.web.servlet.DispatcherServlet")).isTrue();
        assertThat(plain.isInfrastructure("org.springframework.web.demo.DemoController")).isTrue();
    }

    @Test
    void theWalkStopsAtTheFirstApplicationFrameEvenInAFrameworkVendorsNamespace() {
        assertThat(PetClinicFrames.fromApplication(plain::find))
                .startsWith(PetClinicFrames.class.getName() + ".fromApplication(PetClinicFrames.java:");
    }

    @Test
    void withApplicationPackagesAnUnlistedLibraryFrameAboveTheApplicationIsPassedOver() {
        CallSites declared = new CallSites(List.of(), List.of("org.springframework.samples.petclinic."));

        assertThat(PetClinicFrames.fromApplication(() -> UnlistedLibrary.call(declared::find)))
                .startsWith(PetClinicFrames.class.getName() + ".fromApplication(");
        assertThat(PetClinicFrames.fromApplication(() -> UnlistedLibrary.call(plain::find)))
                .startsWith(UnlistedLibrary.class.getName() + ".call(");
        // No frame of the declared packages: the first unlisted frame is still better than nothing.
        assertThat(UnlistedLibrary.call(declared::find)).startsWith(UnlistedLibrary.class.getName() + ".call(");
    }
}
