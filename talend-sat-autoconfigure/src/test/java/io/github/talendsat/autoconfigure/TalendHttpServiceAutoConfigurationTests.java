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

import java.lang.reflect.Array;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TalendHttpServiceAutoConfiguration}.
 *
 * @author talend-sat
 */
class TalendHttpServiceAutoConfigurationTests {

	private static final String REST_CONFIGURER = TalendHttpServiceAutoConfiguration.REST_CLIENT_CONFIGURER_BEAN_NAME;

	private static final String WEB_CONFIGURER = TalendHttpServiceAutoConfiguration.WEB_CLIENT_CONFIGURER_BEAN_NAME;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
				TalendHttpServiceAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				ReactiveHttpServiceClientAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("talend.service-account.client-id=my-id", "talend.service-account.client-secret=s3cr3t",
				"talend.service-account.region=eu");

	@Test
	void autoConfigurationWhenHttpServicesImportedThenConfigurersRunAfterBootsAndBeforeApplications() {
		this.contextRunner.withUserConfiguration(TalendGroupConfiguration.class, ApplicationConfigurers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanProvider(RestClientHttpServiceGroupConfigurer.class).orderedStream())
					.containsExactly(beans(context, RestClientHttpServiceGroupConfigurer.class,
							"restClientPropertiesHttpServiceGroupConfigurer",
							"restClientCustomizerHttpServiceGroupConfigurer", REST_CONFIGURER,
							"applicationRestClientConfigurer"));
				assertThat(context.getBeanProvider(WebClientHttpServiceGroupConfigurer.class).orderedStream())
					.containsExactly(beans(context, WebClientHttpServiceGroupConfigurer.class,
							"webClientPropertiesHttpServiceGroupConfigurer",
							"webClientCustomizerHttpServiceGroupConfigurer", WEB_CONFIGURER,
							"applicationWebClientConfigurer"));
				assertThat(context.getBean(Workspaces.class)).isNotNull();
			});
	}

	@Test
	void autoConfigurationWhenNoHttpServicesImportedThenNoConfigurers() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(REST_CONFIGURER)
			.doesNotHaveBean(WEB_CONFIGURER));
	}

	@Test
	void autoConfigurationWhenApplicationDefinesConfigurerOfSameNameThenBacksOff() {
		this.contextRunner.withUserConfiguration(TalendGroupConfiguration.class, SameNameConfigurer.class)
			.run((context) -> {
				assertThat(context).getBean(REST_CONFIGURER).isSameAs(SameNameConfigurer.CONFIGURER);
				assertThat(context).getBean(WEB_CONFIGURER)
					.isInstanceOf(TalendWebClientHttpServiceGroupConfigurer.class);
			});
	}

	@Test
	void autoConfigurationWhenServiceAccountDisabledThenNoConfigurers() {
		this.contextRunner.withUserConfiguration(TalendGroupConfiguration.class)
			.withPropertyValues("talend.service-account.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(REST_CONFIGURER)
				.doesNotHaveBean(WEB_CONFIGURER));
	}

	@Test
	void autoConfigurationWhenWebFluxMissingThenOnlyRestClientConfigurer() {
		this.contextRunner.withUserConfiguration(TalendGroupConfiguration.class)
			.withClassLoader(new FilteredClassLoader(WebClientAdapter.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean(REST_CONFIGURER)
				.doesNotHaveBean(WEB_CONFIGURER));
	}

	@Test
	void autoConfigurationWhenRestClientAdapterMissingThenOnlyWebClientConfigurer() {
		this.contextRunner.withUserConfiguration(TalendGroupConfiguration.class)
			.withClassLoader(new FilteredClassLoader(RestClientAdapter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(REST_CONFIGURER).hasBean(WEB_CONFIGURER));
	}

	@Test
	void autoConfigurationWhenHttpServiceRegistryMissingThenNoConfigurers() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpServiceProxyRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(REST_CONFIGURER)
				.doesNotHaveBean(WEB_CONFIGURER));
	}

	@Test
	void autoConfigurationWhenBootHttpServiceClientPropertiesMissingThenNoConfigurers() {
		this.contextRunner.withUserConfiguration(TalendGroupConfiguration.class)
			.withClassLoader(new FilteredClassLoader(HttpServiceClientProperties.class))
			.run((context) -> assertThat(context).doesNotHaveBean(REST_CONFIGURER).doesNotHaveBean(WEB_CONFIGURER));
	}

	@Test
	void startWhenBaseUrlPropertyOfTalendGroupPointsAwayFromAccountApiThenFailsNamingProperty() {
		this.contextRunner.withUserConfiguration(TalendGroupConfiguration.class)
			.withPropertyValues("spring.http.serviceclient.talend.base-url=https://gateway.example.com/talend")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTalendPropertyException.class)
				.hasMessage("Invalid configuration property 'spring.http.serviceclient.talend.base-url'"
						+ " (value 'https://gateway.example.com/talend'): The HTTP service group 'talend' carries"
						+ " the token of the Talend service account 'default', which is sent only to its API at"
						+ " https://api.eu.cloud.talend.com; use a URL on that API or remove the property to use"
						+ " the account's base URL"));
	}

	@Test
	void startWhenBaseUrlPropertyOfTalendGroupOnAccountApiThenStarts() {
		this.contextRunner.withUserConfiguration(TalendGroupConfiguration.class)
			.withPropertyValues(
					"spring.http.serviceclient.talend.base-url=https://api.eu.cloud.talend.com/orchestration")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Workspaces.class));
	}

	@SuppressWarnings("unchecked")
	private static <T> T[] beans(ApplicationContext context, Class<T> type, String... names) {
		return Arrays.stream(names)
			.map((name) -> context.getBean(name, type))
			.toArray((length) -> (T[]) Array.newInstance(type, length));
	}

	interface Workspaces {

		@GetExchange("/orchestration/workspaces")
		String list();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "talend", types = Workspaces.class)
	static class TalendGroupConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationConfigurers {

		@Bean
		RestClientHttpServiceGroupConfigurer applicationRestClientConfigurer() {
			return (groups) -> {
			};
		}

		@Bean
		WebClientHttpServiceGroupConfigurer applicationWebClientConfigurer() {
			return (groups) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SameNameConfigurer {

		static final RestClientHttpServiceGroupConfigurer CONFIGURER = (groups) -> {
		};

		@Bean(name = TalendHttpServiceAutoConfiguration.REST_CLIENT_CONFIGURER_BEAN_NAME)
		RestClientHttpServiceGroupConfigurer talendRestClientHttpServiceGroupConfigurer() {
			return CONFIGURER;
		}

	}

}
