import csv

from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from . import charts, exports, selectors
from .models import FinancialYear


def _visible_year(request, year):
    try:
        return selectors.year_get_for(actor=request.user, year=year)
    except FinancialYear.DoesNotExist as missing:
        raise Http404 from missing


def _private_if_draft(response, financial_year):
    """A draft is a staff preview: never stored by a shared cache."""
    if not financial_year.is_published:
        patch_cache_control(response, private=True, no_store=True)
    return response


def year_index(request):
    years = list(selectors.year_list_for(actor=request.user))
    reports = selectors.year_reports(financial_years=years)
    context = {"reports": reports, "chart": charts.years_chart(reports)}
    response = render(request, "transparency/financial_year_list.html", context)
    if any(not year.is_published for year in years):
        patch_cache_control(response, private=True, no_store=True)
    return response


def year_detail(request, year):
    financial_year = _visible_year(request, year)
    report = selectors.year_report(financial_year=financial_year)
    context = {"report": report, "year": financial_year, "charts": charts.year_charts(report)}
    response = render(request, "transparency/financial_year_detail.html", context)
    return _private_if_draft(response, financial_year)


def year_csv(request, year):
    financial_year = _visible_year(request, year)
    report = selectors.year_report(financial_year=financial_year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="menengage-finances-{year}.csv"'
    writer = csv.DictWriter(response, fieldnames=exports.csv_columns())
    writer.writeheader()
    writer.writerows(exports.csv_rows(report))
    return _private_if_draft(response, financial_year)


def year_json(request, year):
    financial_year = _visible_year(request, year)
    report = selectors.year_report(financial_year=financial_year)
    data = exports.year_dict(report, request)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return _private_if_draft(response, financial_year)


def annual_report_file(request, year, language):
    """The PDF, served here rather than from the media folder, so a draft's stays private."""
    financial_year = _visible_year(request, year)
    report = financial_year.annual_reports.filter(language=language).first()
    if report is None:
        raise Http404
    try:
        handle = report.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, content_type="application/pdf", filename=report.file_name(), as_attachment=False
    )
    return _private_if_draft(response, financial_year)
