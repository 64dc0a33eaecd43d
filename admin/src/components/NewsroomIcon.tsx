import { Feather } from '@strapi/icons';

export const NewsroomIcon = () => <Feather />;
