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

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Gives the clients that carry a Talend token a request factory or connector built the
 * way Spring Boot builds the application's, from {@code spring.http.clients.*} or from a
 * service group's own {@code spring.http.serviceclient.<group>.*} settings, except that
 * it never follows a redirect: the JDK client, for one, sends every header of a request,
 * the token included, on to wherever a redirect points. A redirect reaches the caller as
 * the 3xx answer it is.
 * <p>
 * Where the application has no request factory builder or connector builder bean, the one
 * Spring Boot detects on the classpath is used, as Spring Boot itself does. Without
 * Spring Boot's HTTP client support the builders are left as they are: Spring Framework's
 * default clients do not follow redirects.
 *
 * @author talend-sat
 */
final class NonRedirectingHttpClients {

	private static final boolean BOOT_HTTP_CLIENT_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper",
			NonRedirectingHttpClients.class.getClassLoader());

	private static final boolean BOOT_REACTIVE_HTTP_CLIENT_PRESENT = BOOT_HTTP_CLIENT_PRESENT
			&& ClassUtils.isPresent("org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder",
					NonRedirectingHttpClients.class.getClassLoader());

	private NonRedirectingHttpClients() {
	}

	/**
	 * Give the builder a request factory that does not follow redirects, from the
	 * application's settings or a service group's own.
	 * @param builder the builder of a client that carries a token
	 * @param beans where Spring Boot's request factory builder and settings are found
	 * @param group the service group's own settings, or {@code null} for a client that
	 * belongs to no group or a group with none
	 */
	static void configure(RestClient.Builder builder, BeanFactory beans, @Nullable HttpClientSettingsProperties group) {
		if (BOOT_HTTP_CLIENT_PRESENT) {
			BootClients.configure(builder, beans, group);
		}
	}

	/**
	 * Give the builder a connector that does not follow redirects, from the application's
	 * settings or a service group's own.
	 * @param builder the builder of a client that carries a token
	 * @param beans where Spring Boot's connector builder and settings are found
	 * @param group the service group's own settings, or {@code null} for a client that
	 * belongs to no group or a group with none
	 */
	static void configure(WebClient.Builder builder, BeanFactory beans, @Nullable HttpClientSettingsProperties group) {
		if (BOOT_REACTIVE_HTTP_CLIENT_PRESENT) {
			BootClients.configure(builder, beans, group);
		}
	}

	/**
	 * Kept apart so that Spring Boot's HTTP client types are loaded only when present.
	 */
	private static final class BootClients {

		static void configure(RestClient.Builder builder, BeanFactory beans,
				@Nullable HttpClientSettingsProperties group) {
			ClientHttpRequestFactoryBuilder<?> factories = beans.getBeanProvider(ClientHttpRequestFactoryBuilder.class)
				.getIfAvailable(ClientHttpRequestFactoryBuilder::detect);
			builder.requestFactory(factories.build(settings(beans, group)));
		}

		static void configure(WebClient.Builder builder, BeanFactory beans,
				@Nullable HttpClientSettingsProperties group) {
			ClientHttpConnectorBuilder<?> connectors = beans.getBeanProvider(ClientHttpConnectorBuilder.class)
				.getIfAvailable(ClientHttpConnectorBuilder::detect);
			builder.clientConnector(connectors.build(settings(beans, group)));
		}

		private static HttpClientSettings settings(BeanFactory beans, @Nullable HttpClientSettingsProperties group) {
			HttpClientSettings application = beans.getBeanProvider(HttpClientSettings.class).getIfAvailable();
			HttpClientSettings settings = (group != null)
					? new HttpClientSettingsPropertyMapper(beans.getBeanProvider(SslBundles.class).getIfAvailable(),
							application)
						.map(group)
					: application;
			return ((settings != null) ? settings : HttpClientSettings.defaults())
				.withRedirects(HttpRedirects.DONT_FOLLOW);
		}

	}

}
