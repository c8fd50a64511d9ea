/*
 * Copyright 2026 the talend-sat authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.talendsat.autoconfigure;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

import io.github.talendsat.account.TalendServiceAccount;

/**
 * Auto-configuration of the HTTP service groups named after a service account's
 * registration id: {@code talend} for the default account, {@code talend-<name>} for the
 * account under {@code talend.service-account.accounts.<name>}. Such a group's client is
 * based at the account's API and carries the account's token, so that one line gives an
 * application an authenticated proxy of its own {@code @HttpExchange} interface:
 * <pre class="code">
 * &#064;ImportHttpServices(group = "talend", types = TalendTasks.class)
 * </pre>
 * <p>
 * The configurers add to Spring Boot's, which still apply their
 * {@code spring.http.serviceclient.<group>.*} properties to these groups. A
 * {@code base-url} there takes precedence over the account's when it points at the
 * account's API; pointing elsewhere, where the token is never sent, stops the startup.
 * Groups backed by a {@code WebClient} are configured too when WebFlux is present.
 *
 * @author talend-sat
 * @since 0.1.0
 */
@AutoConfiguration(after = TalendServiceAccountAutoConfiguration.class,
		afterName = { "org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration" })
@ConditionalOnClass({ HttpServiceProxyRegistry.class, HttpServiceClientProperties.class, ClientRegistration.class })
@ConditionalOnBean(HttpServiceProxyRegistry.class)
@ConditionalOnBooleanProperty(name = "talend.service-account.enabled", matchIfMissing = true)
public final class TalendHttpServiceAutoConfiguration {

	/**
	 * Name of the configurer of the groups backed by a {@code RestClient}.
	 */
	public static final String REST_CLIENT_CONFIGURER_BEAN_NAME = "talendRestClientHttpServiceGroupConfigurer";

	/**
	 * Name of the configurer of the groups backed by a {@code WebClient}.
	 */
	public static final String WEB_CLIENT_CONFIGURER_BEAN_NAME = "talendWebClientHttpServiceGroupConfigurer";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientAdapter.class)
	static class RestClientGroupsConfiguration {

		@Bean(name = REST_CLIENT_CONFIGURER_BEAN_NAME)
		@ConditionalOnMissingBean(name = REST_CLIENT_CONFIGURER_BEAN_NAME)
		TalendRestClientHttpServiceGroupConfigurer talendRestClientHttpServiceGroupConfigurer(
				ObjectProvider<TalendServiceAccount> accounts, ObjectProvider<HttpServiceClientProperties> properties,
				BeanFactory beanFactory) {
			return new TalendRestClientHttpServiceGroupConfigurer(new TalendHttpServiceGroups(accounts, properties),
					beanFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClientAdapter.class, Mono.class })
	static class WebClientGroupsConfiguration {

		@Bean(name = WEB_CLIENT_CONFIGURER_BEAN_NAME)
		@ConditionalOnMissingBean(name = WEB_CLIENT_CONFIGURER_BEAN_NAME)
		TalendWebClientHttpServiceGroupConfigurer talendWebClientHttpServiceGroupConfigurer(
				ObjectProvider<TalendServiceAccount> accounts, ObjectProvider<HttpServiceClientProperties> properties,
				BeanFactory beanFactory) {
			return new TalendWebClientHttpServiceGroupConfigurer(new TalendHttpServiceGroups(accounts, properties),
					beanFactory);
		}

	}

}
