app_name = "declarations"

urlpatterns = []
