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

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.util.ClassUtils;

import io.github.talendsat.account.TalendServiceAccount;

/**
 * Builds, for the registration ids that are not Talend's, the authorized-client manager
 * that Spring Security would have registered itself had the Talend manager not been
 * there: request-bound in a web application, service-backed elsewhere. Spring Security's
 * own registrar steps aside as soon as any manager bean exists, so without this an
 * application's {@code spring.security.oauth2.client.registration.*} clients would stop
 * resolving.
 *
 * @author talend-sat
 */
final class OAuth2ClientFallbacks {

	private static final boolean SERVLET_PRESENT = ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest",
			OAuth2ClientFallbacks.class.getClassLoader());

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			OAuth2ClientFallbacks.class.getClassLoader());

	private static final boolean WEBFLUX_SERVER_PRESENT = ClassUtils
		.isPresent("org.springframework.web.server.ServerWebExchange", OAuth2ClientFallbacks.class.getClassLoader());

	private OAuth2ClientFallbacks() {
	}

	/**
	 * Fail when the application registers an OAuth2 client under an id a Talend account
	 * uses: the Talend manager would answer for it, and the application's registration
	 * would silently stop being used.
	 */
	static void checkRegistrationIdsAreFree(List<TalendServiceAccount> accounts, ApplicationContext context) {
		ClientRegistrationRepository servlet = unique(context, ClientRegistrationRepository.class);
		ReactiveClientRegistrationRepository reactive = REACTOR_PRESENT
				? unique(context, ReactiveClientRegistrationRepository.class) : null;
		for (TalendServiceAccount account : accounts) {
			String id = account.getClientRegistration().getRegistrationId();
			boolean taken = (servlet != null && servlet.findByRegistrationId(id) != null)
					|| (reactive != null && reactive.findByRegistrationId(id).blockOptional().isPresent());
			if (taken) {
				throw new InvalidTalendPropertyException("spring.security.oauth2.client.registration." + id, null,
						"The registration id '" + id + "' belongs to the Talend service account '" + account.getName()
								+ "'; give the application's own registration another id");
			}
		}
	}

	static @Nullable OAuth2AuthorizedClientManager servlet(ApplicationContext context) {
		ClientRegistrationRepository registrations = unique(context, ClientRegistrationRepository.class);
		if (registrations == null) {
			return null;
		}
		OAuth2AuthorizedClientProvider provider = servletProvider(context);
		if (SERVLET_PRESENT) {
			OAuth2AuthorizedClientManager requestBound = ServletFallback.manager(context, registrations, provider);
			if (requestBound != null) {
				return requestBound;
			}
		}
		OAuth2AuthorizedClientService service = unique(context, OAuth2AuthorizedClientService.class);
		if (service == null) {
			return null;
		}
		var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, service);
		manager.setAuthorizedClientProvider(provider);
		return manager;
	}

	static @Nullable ReactiveOAuth2AuthorizedClientManager reactive(ApplicationContext context) {
		ReactiveClientRegistrationRepository registrations = unique(context,
				ReactiveClientRegistrationRepository.class);
		if (registrations == null) {
			return null;
		}
		ReactiveOAuth2AuthorizedClientProvider provider = reactiveProvider(context);
		if (WEBFLUX_SERVER_PRESENT) {
			ReactiveOAuth2AuthorizedClientManager exchangeBound = ReactiveFallback.manager(context, registrations,
					provider);
			if (exchangeBound != null) {
				return exchangeBound;
			}
		}
		ReactiveOAuth2AuthorizedClientService service = unique(context, ReactiveOAuth2AuthorizedClientService.class);
		if (service == null) {
			return null;
		}
		var manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations, service);
		manager.setAuthorizedClientProvider(provider);
		return manager;
	}

	private static OAuth2AuthorizedClientProvider servletProvider(ApplicationContext context) {
		OAuth2AuthorizedClientProviderBuilder builder = OAuth2AuthorizedClientProviderBuilder.builder()
			.authorizationCode()
			.refreshToken()
			.clientCredentials();
		List<OAuth2AuthorizedClientProvider> own = context.getBeanProvider(OAuth2AuthorizedClientProvider.class)
			.orderedStream()
			.toList();
		own.forEach(builder::provider);
		return builder.build();
	}

	private static ReactiveOAuth2AuthorizedClientProvider reactiveProvider(ApplicationContext context) {
		ReactiveOAuth2AuthorizedClientProviderBuilder builder = ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.authorizationCode()
			.refreshToken()
			.clientCredentials();
		List<ReactiveOAuth2AuthorizedClientProvider> own = context
			.getBeanProvider(ReactiveOAuth2AuthorizedClientProvider.class)
			.orderedStream()
			.toList();
		own.forEach(builder::provider);
		return builder.build();
	}

	private static <T> @Nullable T unique(ApplicationContext context, Class<T> type) {
		ObjectProvider<T> provider = context.getBeanProvider(type);
		return provider.getIfUnique();
	}

	/**
	 * Kept apart so that servlet types are loaded only when the servlet API is present.
	 */
	private static final class ServletFallback {

		static @Nullable OAuth2AuthorizedClientManager manager(ApplicationContext context,
				ClientRegistrationRepository registrations, OAuth2AuthorizedClientProvider provider) {
			OAuth2AuthorizedClientRepository repository = unique(context, OAuth2AuthorizedClientRepository.class);
			if (repository == null) {
				return null;
			}
			DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
					repository);
			manager.setAuthorizedClientProvider(provider);
			return manager;
		}

	}

	/**
	 * Kept apart so that WebFlux server types are loaded only when they are present.
	 */
	private static final class ReactiveFallback {

		static @Nullable ReactiveOAuth2AuthorizedClientManager manager(ApplicationContext context,
				ReactiveClientRegistrationRepository registrations, ReactiveOAuth2AuthorizedClientProvider provider) {
			ServerOAuth2AuthorizedClientRepository repository = unique(context,
					ServerOAuth2AuthorizedClientRepository.class);
			if (repository == null) {
				return null;
			}
			DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
					registrations, repository);
			manager.setAuthorizedClientProvider(provider);
			return manager;
		}

	}

}
