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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.security.oauth2.client.AuthorizationCodeOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.AuthorizationCodeReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.JwtBearerOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.JwtBearerReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.RefreshTokenReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.TokenExchangeOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.TokenExchangeReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
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

	private static final Set<String> KNOWN_PROVIDERS = Set.of(
			"org.springframework.security.oauth2.client.AuthorizationCodeOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.JwtBearerOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.TokenExchangeOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.AuthorizationCodeReactiveOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.RefreshTokenReactiveOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.JwtBearerReactiveOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.TokenExchangeReactiveOAuth2AuthorizedClientProvider");

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

	/**
	 * Assemble the provider the way Spring Security's own registrar does, so that an
	 * application keeps customizing its registrations with the beans Spring Security
	 * documents: a {@link DelegatingOAuth2AuthorizedClientProvider} used as it is, or
	 * providers of the known grant types replacing the defaults, access token response
	 * clients for those grants, and further providers appended.
	 */
	private static OAuth2AuthorizedClientProvider servletProvider(ApplicationContext context) {
		List<OAuth2AuthorizedClientProvider> beans = context.getBeanProvider(OAuth2AuthorizedClientProvider.class)
			.orderedStream()
			.toList();
		if (beans.size() == 1 && beans.get(0) instanceof DelegatingOAuth2AuthorizedClientProvider delegating) {
			return delegating;
		}
		List<@Nullable OAuth2AuthorizedClientProvider> providers = new ArrayList<>();
		providers.add(ofType(beans, AuthorizationCodeOAuth2AuthorizedClientProvider.class,
				AuthorizationCodeOAuth2AuthorizedClientProvider::new));
		providers.add(ofType(beans, RefreshTokenOAuth2AuthorizedClientProvider.class, () -> {
			var provider = new RefreshTokenOAuth2AuthorizedClientProvider();
			provider.setApplicationEventPublisher(context);
			ifUnique(context, tokenClient(OAuth2RefreshTokenGrantRequest.class),
					provider::setAccessTokenResponseClient);
			return provider;
		}));
		providers.add(ofType(beans, ClientCredentialsOAuth2AuthorizedClientProvider.class, () -> {
			var provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
			ifUnique(context, tokenClient(OAuth2ClientCredentialsGrantRequest.class),
					provider::setAccessTokenResponseClient);
			return provider;
		}));
		providers.add(ofType(beans, JwtBearerOAuth2AuthorizedClientProvider.class,
				() -> ifUnique(context, tokenClient(JwtBearerGrantRequest.class),
						(OAuth2AccessTokenResponseClient<JwtBearerGrantRequest> client) -> {
							var provider = new JwtBearerOAuth2AuthorizedClientProvider();
							provider.setAccessTokenResponseClient(client);
							return provider;
						})));
		providers.add(ofType(beans, TokenExchangeOAuth2AuthorizedClientProvider.class,
				() -> ifUnique(context, tokenClient(TokenExchangeGrantRequest.class),
						(OAuth2AccessTokenResponseClient<TokenExchangeGrantRequest> client) -> {
							var provider = new TokenExchangeOAuth2AuthorizedClientProvider();
							provider.setAccessTokenResponseClient(client);
							return provider;
						})));
		beans.stream().filter((bean) -> !isKnown(bean)).forEach(providers::add);
		return new DelegatingOAuth2AuthorizedClientProvider(providers.stream().filter(Objects::nonNull).toList());
	}

	/**
	 * The reactive twin of {@link #servletProvider(ApplicationContext)}.
	 */
	private static ReactiveOAuth2AuthorizedClientProvider reactiveProvider(ApplicationContext context) {
		List<ReactiveOAuth2AuthorizedClientProvider> beans = context
			.getBeanProvider(ReactiveOAuth2AuthorizedClientProvider.class)
			.orderedStream()
			.toList();
		if (beans.size() == 1 && beans.get(0) instanceof DelegatingReactiveOAuth2AuthorizedClientProvider delegating) {
			return delegating;
		}
		List<@Nullable ReactiveOAuth2AuthorizedClientProvider> providers = new ArrayList<>();
		providers.add(ofType(beans, AuthorizationCodeReactiveOAuth2AuthorizedClientProvider.class,
				AuthorizationCodeReactiveOAuth2AuthorizedClientProvider::new));
		providers.add(ofType(beans, RefreshTokenReactiveOAuth2AuthorizedClientProvider.class, () -> {
			var provider = new RefreshTokenReactiveOAuth2AuthorizedClientProvider();
			ifUnique(context, reactiveTokenClient(OAuth2RefreshTokenGrantRequest.class),
					provider::setAccessTokenResponseClient);
			return provider;
		}));
		providers.add(ofType(beans, ClientCredentialsReactiveOAuth2AuthorizedClientProvider.class, () -> {
			var provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
			ifUnique(context, reactiveTokenClient(OAuth2ClientCredentialsGrantRequest.class),
					provider::setAccessTokenResponseClient);
			return provider;
		}));
		providers.add(ofType(beans, JwtBearerReactiveOAuth2AuthorizedClientProvider.class,
				() -> ifUnique(context, reactiveTokenClient(JwtBearerGrantRequest.class),
						(ReactiveOAuth2AccessTokenResponseClient<JwtBearerGrantRequest> client) -> {
							var provider = new JwtBearerReactiveOAuth2AuthorizedClientProvider();
							provider.setAccessTokenResponseClient(client);
							return provider;
						})));
		providers.add(ofType(beans, TokenExchangeReactiveOAuth2AuthorizedClientProvider.class,
				() -> ifUnique(context, reactiveTokenClient(TokenExchangeGrantRequest.class),
						(ReactiveOAuth2AccessTokenResponseClient<TokenExchangeGrantRequest> client) -> {
							var provider = new TokenExchangeReactiveOAuth2AuthorizedClientProvider();
							provider.setAccessTokenResponseClient(client);
							return provider;
						})));
		beans.stream().filter((bean) -> !isKnown(bean)).forEach(providers::add);
		return new DelegatingReactiveOAuth2AuthorizedClientProvider(
				providers.stream().filter(Objects::nonNull).toList());
	}

	private static boolean isKnown(Object provider) {
		String name = provider.getClass().getName();
		return KNOWN_PROVIDERS.contains(name);
	}

	private static <P, T extends P> @Nullable P ofType(List<P> beans, Class<T> type, Supplier<@Nullable P> fallback) {
		return beans.stream().filter(type::isInstance).findFirst().orElseGet(fallback);
	}

	private static ResolvableType tokenClient(Class<?> grantRequest) {
		return ResolvableType.forClassWithGenerics(OAuth2AccessTokenResponseClient.class, grantRequest);
	}

	private static ResolvableType reactiveTokenClient(Class<?> grantRequest) {
		return ResolvableType.forClassWithGenerics(ReactiveOAuth2AccessTokenResponseClient.class, grantRequest);
	}

	private static <T> void ifUnique(ApplicationContext context, ResolvableType type, Consumer<T> action) {
		ifUnique(context, type, (T bean) -> {
			action.accept(bean);
			return bean;
		});
	}

	@SuppressWarnings("unchecked")
	private static <T, R> @Nullable R ifUnique(ApplicationContext context, ResolvableType type, Function<T, R> action) {
		Object bean = context.getBeanProvider(type).getIfUnique();
		return (bean != null) ? action.apply((T) bean) : null;
	}

	/**
	 * Apply the application's {@code Consumer<manager type>} bean, as Spring Security
	 * does to the manager it registers.
	 */
	private static <M> M customized(ApplicationContext context, Class<M> managerType, M manager) {
		ifUnique(context, ResolvableType.forClassWithGenerics(Consumer.class, managerType),
				(Consumer<M> customizer) -> customizer.accept(manager));
		return manager;
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
			return customized(context, DefaultOAuth2AuthorizedClientManager.class, manager);
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
			return customized(context, DefaultReactiveOAuth2AuthorizedClientManager.class, manager);
		}

	}

}
