"""Notifications: can this page play sound, or does autoplay block it until a click."""

from __future__ import annotations

from ..findings import Finding, finding_maker, text
from .browser_menus import autoplay_setting_tip

finding = finding_maker("notifications", "browser")


def sound_finding(audio_state: str | None, autoplay: str | None, browser: str | None, host: dict) -> Finding:
    data = {"audio_state": audio_state, "autoplay_policy": autoplay}
    tip = autoplay_setting_tip(browser, host)
    fix = text(
        "每次刷新或重新打开工作台后，在工作台页面任意位置点一下，提示音才会响。" + tip["zh"],
        "After every reload or reopening of the workstation, click anywhere on its page once so that alert "
        "sounds can play." + (" " + tip["en"] if tip["en"] else ""),
    )
    if audio_state == "suspended" or autoplay == "disallowed":
        evidence = (
            ("AudioContext 状态为 suspended", "AudioContext is suspended")
            if audio_state == "suspended"
            else ("自动播放策略为 disallowed", "the autoplay policy is disallowed")
        )
        return finding(
            "notify-sound",
            "warn",
            "notify-sound",
            text("点击页面之前不会有提示音", "No sound until you click the page"),
            text(
                f"浏览器的自动播放策略在你点击页面之前不让本页播放声音（{evidence[0]}）。工作台也一样："
                "刷新或重新打开后，如果没有在页面上点过，新消息的提示音就不会响。",
                f"The browser's autoplay policy blocks sound on this page until you click it ({evidence[1]}). "
                "The workstation is treated the same way: after a reload, new-message sounds stay silent until "
                "someone clicks on its page.",
            ),
            fix,
            data,
        )
    if autoplay == "allowed-muted":
        return finding(
            "notify-sound",
            "warn",
            "notify-sound",
            text("点击页面之前只能静音播放", "Muted until you click the page"),
            text(
                "浏览器只允许本页静音播放媒体（自动播放策略为 allowed-muted），点过页面之后才会有声音。"
                "工作台刷新后也会这样。",
                "The browser lets this page play media only muted (the autoplay policy is allowed-muted) until "
                "you click it. The workstation behaves the same after a reload.",
            ),
            fix,
            data,
        )
    if audio_state == "running" or autoplay == "allowed":
        return finding(
            "notify-sound",
            "ok",
            "notify-sound",
            text("浏览器允许播放声音", "The browser allows sound"),
            text(
                "浏览器允许本页播放声音。网页看不到系统音量、静音和输出设备，请用“播放测试提示音”确认。",
                "The browser lets this page play sound. A web page cannot see the system volume, mute or output "
                "device: use “Play a test sound” to confirm.",
            ),
            data=data,
        )
    return finding(
        "notify-sound",
        "unknown",
        "notify-sound",
        text("无法判断声音是否被拦截", "Sound blocking not known"),
        text("浏览器没有报告本页能否播放声音。", "The browser did not say whether this page may play sound."),
        text(
            "点“播放测试提示音”，并回答是否听到。" + fix["zh"],
            "Click “Play a test sound” and say whether you heard it. " + fix["en"],
        ),
        data,
    )
