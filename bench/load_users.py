"""The simulated users of bench/load.py (a locust file; run by it, not by hand).

Officers log in once (password, then their authenticator's code) and keep their session
cookie; then they read dossier lists, dossier pages and the statistics dashboard. Citizens read
the public home page, story pages and search results. Each waits 1 to 3 s between pages, as a
reader does. The plan (accounts, dossier and story addresses, search words) is the JSON file
named by GS_LOAD_PLAN, written by ``bench/load.py prepare``; GS_LOAD_ONLY keeps one page type.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import totp

PLAN = json.loads(Path(os.environ["GS_LOAD_PLAN"]).read_text())
ONLY = set(filter(None, os.environ.get("GS_LOAD_ONLY", "").split(",")))
_ACCOUNTS = itertools.cycle(PLAN["accounts"])
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HEADERS = {"Accept-Language": "vi"}


def _wanted(page_type: str) -> bool:
    return not ONLY or page_type in ONLY


class Officer(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.account = next(_ACCOUNTS)
        page = self.client.get("/tai-khoan/dang-nhap/", name="login", headers=HEADERS)
        token = _CSRF.search(page.text)
        data = {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "username": self.account["username"],
            "password": self.account["password"],
        }
        with self.client.post(
            "/tai-khoan/dang-nhap/", data=data, name="login", headers=HEADERS, catch_response=True
        ) as response:
            if "/xac-thuc-hai-buoc/" in response.url:
                token = _CSRF.search(response.text)
                code = {
                    "csrfmiddlewaretoken": token.group(1) if token else "",
                    "token": totp(self.account["key"]),
                }
                second = self.client.post(
                    response.url, data=code, name="login_second_factor", headers=HEADERS
                )
                if "/tai-khoan/" in second.url:
                    response.failure(f"second factor refused for {self.account['username']}")
            elif "/tai-khoan/" in response.url:
                response.failure(f"password refused for {self.account['username']}")

    def _get(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, headers=HEADERS, catch_response=True) as response:
            if response.ok and "/tai-khoan/" in response.url:
                response.failure(f"sent to {response.url}")

    @task(3)
    def dossier_list(self) -> None:
        if _wanted("dossier_list"):
            self._get("/ho-so/", "dossier_list")

    @task(4)
    def dossier_detail(self) -> None:
        if _wanted("dossier_detail") and self.account["dossiers"]:
            self._get(f"/ho-so/{random.choice(self.account['dossiers'])}/", "dossier_detail")

    @task(2)
    def stats(self) -> None:
        if _wanted("stats"):
            self._get("/thong-ke/", "stats")


class Citizen(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    @task(3)
    def public_home(self) -> None:
        if _wanted("public_home"):
            self.client.get("/vuon-hoa/", name="public_home", headers=HEADERS)

    @task(4)
    def story(self) -> None:
        if _wanted("story") and PLAN["stories"]:
            self.client.get(random.choice(PLAN["stories"]), name="story", headers=HEADERS)

    @task(2)
    def search(self) -> None:
        if _wanted("search"):
            query = random.choice(PLAN["searches"]).replace(" ", "+")
            self.client.get(f"/vuon-hoa/tim-kiem/?q={query}", name="search", headers=HEADERS)
