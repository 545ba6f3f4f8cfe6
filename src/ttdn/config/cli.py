"""The ``ttdn`` command: ``demo``, ``serve``, ``backup``, ``restore``, or any Django command."""

import argparse
import os
import sys

DEFAULT_SETTINGS = "ttdn.config.settings.demo"


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _serve(host: str, port: int, workers: int) -> int:
    """Runs gunicorn in the foreground (replaces this process)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    args = [
        sys.executable, "-m", "gunicorn", "ttdn.config.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4",
        "--access-logfile", "-", "--timeout", "120", "--preload",
    ]
    print(f"TTĐN đang chạy tại http://{host}:{port}/admin/ (Ctrl+C để dừng)", flush=True)
    os.execv(sys.executable, args)  # noqa: S606 - fixed argument list, no shell
    return 0


def demo(argv) -> int:
    parser = argparse.ArgumentParser(prog="ttdn demo", description="Cài đặt và chạy bản demo.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-serve", action="store_true", help="chỉ chuẩn bị dữ liệu, không chạy")
    options = parser.parse_args(argv)
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", port=options.port)
    print(f"Dữ liệu: {settings.DATA_DIR}")
    if options.no_serve:
        return 0
    return _serve("127.0.0.1", options.port, workers=2)


def serve(argv) -> int:
    parser = argparse.ArgumentParser(prog="ttdn serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args(argv)
    _setup()
    return _serve(options.host, options.port, options.workers)


def backup(argv) -> int:
    parser = argparse.ArgumentParser(
        prog="ttdn backup", description="Sao lưu trực tuyến, mã hóa: cơ sở dữ liệu và media."
    )
    parser.add_argument("--output", help="tệp đích (mặc định: TTDN_BACKUP_DIR/ttdn-….ttdnbak)")
    parser.add_argument("--generate-key", action="store_true",
                        help="in ra một khóa mới cho TTDN_BACKUP_KEY rồi thoát")
    options = parser.parse_args(argv)
    if options.generate_key:
        from ttdn.core.backup import generate_key

        print(generate_key())
        return 0
    _setup()
    import time

    from ttdn.core.backup import BackupError, backup_create, human_size

    started = time.monotonic()
    try:
        path = backup_create(output=options.output)
    except BackupError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 2
    print(
        f"Đã sao lưu vào {path} ({human_size(path.stat().st_size)}, "
        f"{time.monotonic() - started:.1f} giây). Kiểm tra: ttdn restore --check {path}"
    )
    return 0


def restore(argv) -> int:
    parser = argparse.ArgumentParser(
        prog="ttdn restore",
        description="Khôi phục một bản sao lưu vào thư mục dữ liệu / cơ sở dữ liệu trống.",
    )
    parser.add_argument("file", help="tệp .ttdnbak")
    parser.add_argument("--check", action="store_true",
                        help="chỉ giải mã và kiểm tra bản sao lưu, không ghi gì")
    options = parser.parse_args(argv)
    _setup()
    from ttdn.core.backup import BackupError, backup_restore, backup_verify

    try:
        if options.check:
            manifest = backup_verify(options.file)
            print(
                f"Bản sao lưu hợp lệ: tạo lúc {manifest['created_at']}, {manifest['engine']}, "
                f"{len(manifest['tables'])} bảng, {sum(manifest['tables'].values())} dòng, "
                f"{manifest['media']['files']} tệp media."
            )
            return 0
        report = backup_restore(archive=options.file)
    except BackupError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 2
    if not report.ok:
        print("Đã khôi phục nhưng KHÔNG khớp với manifest:", file=sys.stderr)
        for line in report.mismatches:
            print(f"  - {line}", file=sys.stderr)
        return 2
    print(
        f"Đã khôi phục bản sao lưu tạo lúc {report.created_at} ({report.engine}, "
        f"{report.seconds:.1f} giây): {report.tables_checked} bảng, {report.rows} dòng — số dòng "
        f"từng bảng khớp manifest; {report.media_files} tệp media."
    )
    return 0


COMMANDS = {"demo": demo, "serve": serve, "backup": backup, "restore": restore}


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(
            "Cách dùng: ttdn demo [--port 8000] [--no-serve] | ttdn serve [--port 8000]\n"
            "           ttdn backup [--output FILE] | ttdn restore FILE\n"
            "           ttdn <lệnh Django> …   (ví dụ: ttdn migrate, ttdn createsuperuser)"
        )
        return 0
    command, rest = argv[0], argv[1:]
    if command in COMMANDS:
        return COMMANDS[command](rest) or 0
    command = command.replace("-", "_")  # `ttdn i18n-check` is `ttdn i18n_check`
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ttdn", command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
