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
package io.github.talendsat.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The fixed content of the emulated Talend Cloud account: users, environments, workspaces
 * and tasks. Identifiers are derived from names, so they are the same in every run.
 */
final class Catalog {

	private final List<Map<String, Object>> users = new ArrayList<>();

	private final List<Workspace> workspaces = new ArrayList<>();

	private final List<Task> tasks = new ArrayList<>();

	private Catalog() {
	}

	static Catalog standard() {
		Catalog catalog = new Catalog();
		catalog.user("ada", "Ada", "Lovelace");
		catalog.user("alan", "Alan", "Turing");
		Environment defaultEnvironment = new Environment(id("environment", "default"), "default");
		Environment production = new Environment(id("environment", "production"), "production");
		catalog.workspace("Personal", defaultEnvironment, "load_customers", "sync_orders", "refresh_products",
				"export_invoices", "clean_staging");
		catalog.workspace("Shared", defaultEnvironment, "daily_report", "weekly_report", "monthly_report",
				"archive_logs");
		catalog.workspace("Operations", production, "backup_warehouse", "rebuild_indexes", "rotate_partitions");
		return catalog;
	}

	private static String id(String kind, String name) {
		return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private void user(String login, String firstName, String lastName) {
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("id", id("user", login));
		user.put("login", login + "@example.com");
		user.put("firstName", firstName);
		user.put("lastName", lastName);
		user.put("email", login + "@example.com");
		user.put("active", true);
		this.users.add(user);
	}

	private void workspace(String name, Environment environment, String... taskNames) {
		Workspace workspace = new Workspace(id("workspace", name), name, environment);
		this.workspaces.add(workspace);
		for (String taskName : taskNames) {
			this.tasks.add(new Task(id("task", taskName), taskName, workspace));
		}
	}

	List<Map<String, Object>> users() {
		return this.users;
	}

	List<Workspace> workspaces() {
		return this.workspaces;
	}

	List<Task> tasks() {
		return this.tasks;
	}

	@Nullable Task task(String id) {
		return this.tasks.stream().filter((task) -> task.id().equals(id)).findFirst().orElse(null);
	}

	record Environment(String id, String name) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", this.id);
			json.put("name", this.name);
			return json;
		}

	}

	record Workspace(String id, String name, Environment environment) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", this.id);
			json.put("name", this.name);
			json.put("environment", this.environment.toJson());
			return json;
		}

	}

	record Task(String id, String name, Workspace workspace) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", this.id);
			json.put("name", this.name);
			json.put("workspace", this.workspace.toJson());
			return json;
		}

	}

}
