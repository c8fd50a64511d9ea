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

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Talend Cloud service accounts whose tokens the application's
 * Talend clients carry: the default account under {@code talend.service-account.*} and
 * any number of named ones under {@code talend.service-account.accounts.<name>.*}.
 *
 * @author talend-sat
 * @since 0.1.0
 */
@ConfigurationProperties("talend.service-account")
public class TalendServiceAccountProperties extends TalendAccountProperties {

	/**
	 * Whether to configure Talend service accounts, their token caches and their clients.
	 */
	private boolean enabled = true;

	/**
	 * Further service accounts by name, each with its own credentials, region and token
	 * settings. Names are lower-case letters, digits and hyphens, starting with a letter.
	 */
	private final Map<String, TalendAccountProperties> accounts = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, TalendAccountProperties> getAccounts() {
		return this.accounts;
	}

}
